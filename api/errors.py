"""Every 4xx the API gives is JSON with a `detail` in plain words, in the caller's language
(LocaleMiddleware's choice from Accept-Language, or a token member's saved language:
api.auth.speak_members_language).

Services raise `core.errors.ServiceError` (with `.status` and `.message`); ninja raises
its own errors for authentication, validation and unreadable bodies; Django's URL layer
answers 404 and 405 by itself. Each of these is turned into `{"detail": "..."}` here.
"""

from functools import wraps

from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.http import HttpRequest, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from api.validation_text import error_message
from core.errors import RateLimited, ServiceError
from core.validators import CONTROL_CHARACTER_CODE, INVISIBLE_CODE

TEXT_RULES = (CONTROL_CHARACTER_CODE, INVISIBLE_CODE)


def install_error_handlers(api: NinjaAPI) -> None:
    def answer(request, detail: str, status: int, **extra):
        return api.create_response(request, {"detail": detail, **extra}, status=status)

    @api.exception_handler(ServiceError)
    def service_error(request, exc: ServiceError):
        return answer(request, exc.message, exc.status)

    @api.exception_handler(RateLimited)
    def rate_limited(request, exc: RateLimited):
        response = answer(request, exc.message, exc.status)
        response["Retry-After"] = str(exc.retry_after)
        return response

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, exc: AuthenticationError):
        response = answer(request, _unauthenticated_detail(request), 401)
        response["WWW-Authenticate"] = 'Bearer realm="candid"'
        return response

    @api.exception_handler(HttpError)
    def http_error(request, exc: HttpError):
        detail = str(exc)
        if detail.startswith("Cannot parse request body"):
            detail = _("The request body is not valid JSON.")
        return answer(request, detail, exc.status_code)

    @api.exception_handler(ValidationError)
    def invalid(request, exc: ValidationError):
        return answer(
            request, validation_detail(exc.errors), _status_of(exc.errors), errors=exc.errors
        )

    @api.exception_handler(RequestDataTooBig)
    def too_big(request, exc):
        return answer(request, getattr(exc, "message", _("The request body is too large.")), 413)

    @api.exception_handler(MultiPartParserError)
    def bad_multipart(request, exc):
        return answer(request, _("The multipart form data could not be read."), 400)

    @api.exception_handler(SuspiciousOperation)
    def suspicious(request, exc):
        return answer(request, _("The request could not be read."), 400)


def _unauthenticated_detail(request: HttpRequest) -> str:
    if request.headers.get("Authorization"):
        return _(
            "The access token is not valid: it may be mistyped, revoked, or its account "
            "closed. Send Authorization: Bearer <token> with a current token."
        )
    return _("This request needs an access token: send Authorization: Bearer <token>.")


def validation_detail(errors: list[dict]) -> str:
    """One sentence out of pydantic's errors, e.g. "title: String should have at most
    200 characters; limit: Input should be less than or equal to 100"."""
    parts = [f"{_field_of(e)}: {error_message(e)}".lstrip(": ") for e in errors[:5]]
    more = _(" (and %(count)s more)") % {"count": len(errors) - 5} if len(errors) > 5 else ""
    return _("The request is not valid: %(errors)s.") % {"errors": "; ".join(parts) + more}


def _status_of(errors: list[dict]) -> int:
    """Text with a control character, or a title or name that shows nothing, is refused
    with 400 naming the field, as on the web (core.validators): a rule about the text,
    beyond what the document's pattern can say. Any other schema error is 422."""
    if any(e.get("type") in TEXT_RULES for e in errors):
        return 400
    return 422


def _field_of(error: dict) -> str:
    """loc is (source, field...) for query, form and file; (body, parameter, field...) for
    JSON bodies, where the parameter name means nothing to the client."""
    source, *rest = [str(part) for part in error.get("loc", ()) if not _is_type_tag(part)] or [""]
    if source == "body" and len(rest) > 1:
        rest = rest[1:]
    elif source == "body":
        return "body"
    return ".".join(rest)


def _is_type_tag(part) -> bool:
    """pydantic names the branch of a union in `loc` ("list[str]"); clients need not."""
    return isinstance(part, str) and ("[" in part or part in ("str", "int"))


def json_method_not_allowed(view):
    """Ninja answers an unsupported method with a plain-text 405; answer JSON instead."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code != 405 or "json" in response.get("Content-Type", ""):
            return response
        allowed = response.get("Allow", "")
        answer = JsonResponse(
            {
                "detail": _("%(method)s is not allowed here. Allowed methods: %(allowed)s.")
                % {"method": request.method, "allowed": allowed}
            },
            status=405,
        )
        answer["Allow"] = allowed
        return answer

    return wrapped


def unknown_endpoint(request: HttpRequest, rest: str) -> JsonResponse:
    detail = _("There is no API endpoint at %(path)s.") % {"path": request.path}
    return JsonResponse({"detail": detail}, status=404)
