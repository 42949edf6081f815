"""Template helpers for the moderation pages: time left before a deadline, rates."""

from django import template
from django.utils import timezone

register = template.Library()


def _span(seconds: float) -> str:
    minutes = int(seconds // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    if days:
        return f"{days} d {hours} h"
    if hours:
        return f"{hours} h {minutes} min"
    return f"{minutes} min"


@register.filter
def time_left(deadline) -> str:
    """ "2 d 3 h left" or "overdue by 5 h 10 min"."""
    seconds = (deadline - timezone.now()).total_seconds()
    if seconds <= 0:
        return f"overdue by {_span(-seconds)}"
    return f"{_span(seconds)} left"


@register.filter
def percent(rate) -> str:
    return f"{rate * 100:.0f} %"


@register.filter
def countries(stored: str) -> str:
    """ ",DE,AT," (as stored on a withheld photo) -> "DE, AT"."""
    return ", ".join(code for code in stored.split(",") if code)


@register.filter
def state_label(state: str) -> str:
    return state.replace("_", " ").capitalize()


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
