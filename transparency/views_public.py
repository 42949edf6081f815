"""Public transparency pages: the hash-chained moderation log and how to check it.

Anyone may read these without an account. They show only the public form of events
(no personal data by construction, see core/chain.py)."""

import json

from django.http import Http404, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from transparency.reports.netzdg import HISTORICAL
from transparency.selectors import chain_head, public_log_lines, public_log_page

LOG_PAGE_SIZE = 50


@require_GET
def index(request):
    return render(
        request,
        "transparency/index.html",
        {
            "head": chain_head(),
            "years": dsa_years(timezone.now().date()),
            "netzdg_periods": netzdg_half_years(),
            "netzdg_historical": HISTORICAL,
        },
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


# The NetzDG's reporting duty ended with the DDG on 14 May 2024: its last half-year.
NETZDG_LAST = (2024, 1)
NETZDG_LISTED = 4


def dsa_years(today) -> list[dict]:
    """The DSA reports by calendar year (IR 2024/2835), newest first: the running year so
    far, then the previous one, whose report is due by the end of February."""
    this = today.year
    return [
        {"code": str(this), "label": _("%(year)s so far") % {"year": this}, "final": False},
        {
            "code": str(this - 1),
            "label": str(this - 1),
            "final": True,
            "due": _("due by the end of February %(year)s") % {"year": this},
        },
    ]


def netzdg_half_years() -> list[dict]:
    """The last half-years the NetzDG report was a duty for (up to 2024-H1), newest first."""
    names = {1: _("January–June %(year)s"), 2: _("July–December %(year)s")}
    year, half = NETZDG_LAST
    periods = []
    for _step in range(NETZDG_LISTED):
        periods.append({"code": f"{year}-H{half}", "label": names[half] % {"year": year}})
        year, half = (year, 1) if half == 2 else (year - 1, 2)
    return periods
