"""The legal links in every page's footer, and for staff, while DEBUG is off, the operator
profile's problems as a banner (a missing operator identity must not go unnoticed)."""

from functools import cache

from django.conf import settings
from django.urls import get_script_prefix, reverse

from legal.checks import current_problems

LINKS = ("legal_notice", "legal_terms", "legal_privacy", "legal_contact")


def legal_frame(request) -> dict:
    context = {"legal_links": _reversed(get_script_prefix())}
    user = getattr(request, "user", None)
    if not settings.DEBUG and getattr(user, "has_staff_role", False):
        context["operator_problems"] = current_problems()
    return context


@cache
def _reversed(script_prefix: str) -> dict[str, str]:
    return {name: reverse(name) for name in (*LINKS, "legal_compliance")}
