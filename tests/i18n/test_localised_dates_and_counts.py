"""Dates and counts people read follow their language (issue 15): templates use the named
formats of candid/formats/<language>/formats.py, never a literal English-order format,
and large counts are grouped the reader's way."""

import re
from pathlib import Path
from types import SimpleNamespace

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.translation import override

from moderation.selectors import ruleset_in_force

TEMPLATES = Path(settings.BASE_DIR) / "templates"
NAMED = {
    "DATE_FORMAT",
    "DATETIME_FORMAT",
    "SHORT_DATE_FORMAT",
    "SHORT_DATETIME_FORMAT",
    "YEAR_MONTH_FORMAT",
    "MONTH_DAY_FORMAT",
    "TIME_FORMAT",
}
# Formats machines read: ISO 8601 in datetime attributes and feeds, the sitemap's W3C date.
MACHINE = {"c", "U", "r", "Y-m-d"}
LITERAL = re.compile(r"\|date:['\"]([^'\"]*)['\"]")


def test_no_template_writes_a_date_in_a_fixed_order():
    fixed = [
        f"{path.relative_to(TEMPLATES)}: {found}"
        for path in TEMPLATES.rglob("*.*")
        if path.suffix in {".html", ".txt"}
        for found in LITERAL.findall(path.read_text())
        if found not in NAMED | MACHINE
    ]
    assert fixed == []


def test_rules_page_dates_read_the_german_way(client, db):
    effective = timezone.localtime(ruleset_in_force().effective_at)
    with override("de"):
        german = formats.date_format(effective, "DATE_FORMAT")
    assert re.fullmatch(r"\d{1,2}\. \w+ \d{4}", german)
    page = client.get("/rules/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert f"in Kraft seit {german}" in page


def test_import_progress_groups_thousands_in_german():
    run = SimpleNamespace(state="completed", photos=12345, albums=1500, done=0, total=0)
    with override("de"):
        shown = render_to_string("rights/_import_progress.html", {"run": run})
    assert "Fertig: 12.345 Fotos importiert." in shown
    assert "1.500 Alben." in shown
