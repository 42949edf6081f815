"""The DSA Art. 18 panel of the case page (moderation/_art18.html). The list of what was
sent is one of the case page's cached parts (web/views/moderation_case.py, "art18"); the
form is rendered here, with the viewer's CSRF token, without a query."""

from django import template
from django.utils import translation

from legal.forms import AuthorityNotificationForm
from legal.selectors import notifications_of_case

register = template.Library()


@register.inclusion_tag("legal/_art18_panel.html", takes_context=True)
def art18_panel(context, parts: dict) -> dict:
    return {
        "case_id": parts["case_id"],
        "history": parts.get("art18", ""),
        "form": AuthorityNotificationForm(auto_id="art18_%s"),
        "csrf_token": context.get("csrf_token"),
    }


@register.simple_tag
def art18_notifications(case_id: int) -> list:
    return notifications_of_case(case_id)


@register.filter
def language_name(code: str) -> str:
    """A language's name in the reader's language; the code itself if Django has no name."""
    try:
        return translation.get_language_info(code)["name_translated"]
    except KeyError:
        return code
