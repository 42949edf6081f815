"""The DSA Art. 18 panel of the case page (moderation/_art18.html), which loads its own
data so the case view stays as it is."""

from django import template
from django.utils import translation

from legal.forms import AuthorityNotificationForm
from legal.selectors import notifications_of_case

register = template.Library()


@register.inclusion_tag("legal/_art18_panel.html", takes_context=True)
def art18_panel(context, case_id: int) -> dict:
    return {
        "case_id": case_id,
        "form": AuthorityNotificationForm(auto_id="art18_%s"),
        "notifications": notifications_of_case(case_id),
        "csrf_token": context.get("csrf_token"),
    }


@register.filter
def language_name(code: str) -> str:
    """A language's name in the reader's language; the code itself if Django has no name."""
    try:
        return translation.get_language_info(code)["name_translated"]
    except KeyError:
        return code
