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


class RateLimited(ServiceError):
    """Past a rate limit: nothing was done. `retry_after` is the number of seconds until
    the limit's window resets, answered as the Retry-After header."""

    status = 429

    def __init__(self, message: str, retry_after: int):
        super().__init__(message)
        self.retry_after = retry_after
