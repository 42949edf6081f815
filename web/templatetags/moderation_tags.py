"""Template helpers for the moderation pages: time left before a deadline, rates."""

from django import template
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext as _

from moderation.states import STATE_LABELS

register = template.Library()


def _span(seconds: float) -> str:
    minutes = int(seconds // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    if days:
        return _("%(days)d d %(hours)d h") % {"days": days, "hours": hours}
    if hours:
        return _("%(hours)d h %(minutes)d min") % {"hours": hours, "minutes": minutes}
    return _("%(minutes)d min") % {"minutes": minutes}


@register.filter
def time_left(deadline) -> str:
    """ "2 d 3 h left" or "overdue by 5 h 10 min"."""
    seconds = (deadline - timezone.now()).total_seconds()
    if seconds <= 0:
        return _("overdue by %(span)s") % {"span": _span(-seconds)}
    return _("%(span)s left") % {"span": _span(seconds)}


@register.filter
def percent(rate) -> str:
    return f"{rate * 100:.0f} %"


@register.filter
def countries(stored: str) -> str:
    """ ",DE,AT," (as stored on a withheld photo) -> "DE, AT"."""
    return ", ".join(code for code in stored.split(",") if code)


# States of cases, decisions and appeals, and the fields of an evidence snapshot.
LABELS = {
    **STATE_LABELS,
    "title": pgettext_lazy("moderation", "Title"),
    "description": pgettext_lazy("moderation", "Description"),
    "tags": pgettext_lazy("moderation", "Tags"),
    "body": pgettext_lazy("moderation", "Text"),
    "photo_id": pgettext_lazy("moderation", "Photo"),
    "username": pgettext_lazy("moderation", "Username"),
    "display_name": pgettext_lazy("moderation", "Display name"),
    "bio": pgettext_lazy("moderation", "Bio"),
    # Evidence of content from another server (moderation.services.targets.snapshot_text)
    "uri": pgettext_lazy("moderation", "Address (ActivityPub id)"),
    "url": pgettext_lazy("moderation", "Web address"),
    "text": pgettext_lazy("moderation", "Text"),
    "account": pgettext_lazy("moderation", "Account"),
    "summary": pgettext_lazy("moderation", "Content warning"),
    "images": pgettext_lazy("moderation", "Images"),
}


@register.filter
def state_label(state: str) -> str:
    label = LABELS.get(state)
    return str(label) if label else state.replace("_", " ").capitalize()


@register.filter
def category_label(key: str) -> str:
    from moderation.sor import ILLEGAL_CATEGORIES

    return ILLEGAL_CATEGORIES.get(key, "")


@register.filter
def as_text(value) -> str:
    """An evidence text field: lists (tags) joined, everything else as written."""
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


@register.filter
def rule_title(rule) -> str:
    """A rule's title in the active language (its source title without a text in it)."""
    from moderation.rule_wording import rule_wording

    return rule_wording(rule, get_language() or "").title


@register.simple_tag
def rule_citation(rule):
    """The rule in the active language, with links to it in each published language."""
    from moderation.rule_wording import rule_citation as citation

    return citation(rule, get_language() or "")
