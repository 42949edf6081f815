class ServiceError(Exception):
    """A request the service refuses, with a message a person can act on.

    Web views show `message` next to the form; the API answers it as `detail`.
    """

    status = 400

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class PermissionDenied(ServiceError):
    status = 403


class NotFound(ServiceError):
    status = 404
