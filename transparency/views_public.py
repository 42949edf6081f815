"""Public transparency pages: the hash-chained moderation log and how to check it.

Anyone may read these without an account. They show only the public form of events
(no personal data by construction, see core/chain.py)."""

import json

from django.http import Http404, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from transparency.selectors import chain_head, public_log_lines, public_log_page

LOG_PAGE_SIZE = 50


@require_GET
def index(request):
    return render(
        request,
        "transparency/index.html",
        {"head": chain_head(), "periods": half_years(timezone.now().date())},
    )


@require_GET
def events_jsonl(request):
    """The whole public log as JSON Lines, streamed in constant memory, for
    `manage.py verify_event_log --file`."""
    response = StreamingHttpResponse(
        public_log_lines(), content_type="application/jsonl; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="events.jsonl"'
    return response


@require_GET
def log(request):
    before = request.GET.get("before")
    if before is not None and not before.isdigit():
        raise Http404(_("Not a sequence number."))
    events = public_log_page(before=int(before) if before else None, limit=LOG_PAGE_SIZE)
    for event in events:
        event["data_json"] = json.dumps(event["data"], ensure_ascii=False, sort_keys=True)
    older = events[-1]["seq"] if len(events) == LOG_PAGE_SIZE and events[-1]["seq"] > 1 else None
    return render(
        request,
        "transparency/log.html",
        {"events": events, "older": older, "head": chain_head(), "before": before},
    )


def half_years(today) -> list[dict]:
    """The current and the previous half-year, as report periods like "2026-H1"."""
    if today.month <= 6:
        periods = [(today.year, 1), (today.year - 1, 2)]
    else:
        periods = [(today.year, 2), (today.year, 1)]
    names = {1: _("January–June %(year)s"), 2: _("July–December %(year)s")}
    return [{"code": f"{year}-H{h}", "label": names[h] % {"year": year}} for year, h in periods]
