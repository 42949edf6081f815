"""{% settings_sections as sections %}: the settings sections (web/settings_sections.py)
for the side list of the settings pages, the one of this page marked `current`."""

from django import template

from web.settings_sections import SECTIONS

register = template.Library()


@register.simple_tag(takes_context=True)
def settings_sections(context) -> list[dict]:
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    url_name = match.url_name if match else None
    return [
        {
            "key": section.key,
            "title": section.title,
            "summary": section.summary,
            "url": section.url,
            "current": section.holds(url_name),
        }
        for section in SECTIONS
    ]
