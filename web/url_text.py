"""Refuses a request whose address carries a control character, before any view reads it.

Path arguments (usernames, tag names) and query parameters (search words, page numbers)
reach selectors straight from the address; on PostgreSQL a NUL in any of them used to end
in a server error. The check is core.validators', the same the forms and the API apply to
what is posted; the answer is 400 naming the parameter, in JSON under /api/.
"""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from core.validators import control_character_in, control_character_message


class RefuseControlCharacters:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        found = _control_character_in_address(request)
        if found is None:
            return self.get_response(request)
        return refuse_control_character(request, *found)


def refuse_control_characters_in(request: HttpRequest, field: str, value: str):
    """For a view that reads a posted value itself, before any form: the same 400."""
    code_point = control_character_in(value)
    return refuse_control_character(request, field, code_point) if code_point else None


def refuse_control_character(request: HttpRequest, field: str, code_point: str) -> HttpResponse:
    detail = f"{field}: {control_character_message(code_point)}"
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": detail}, status=400)
    return render(request, "errors/bad_request.html", {"message": detail}, status=400)


def _control_character_in_address(request: HttpRequest) -> tuple[str, str] | None:
    """(what to name, "U+0000") for the first control character in the path or the query."""
    code_point = control_character_in(request.path_info)
    if code_point:
        return _("address"), code_point
    for name, values in request.GET.lists():
        if control_character_in(name):
            return _("address"), control_character_in(name)
        for value in values:
            code_point = control_character_in(value)
            if code_point:
                return name, code_point
    return None
