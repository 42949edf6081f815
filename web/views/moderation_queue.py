"""The moderators' queue, the audit page and the moderator-only item images."""

import hashlib
from dataclasses import replace
from urllib.parse import urlencode

from django.http import Http404
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from accounts.staff_log import staff_activity, subject_names
from moderation.models.targets import Ground
from moderation.queue_selectors import QueueFilter, queue_filtered
from moderation.selectors import (
    case_detail,
    case_targets,
    moderator_audit,
    open_appeals,
    pending_approvals,
    target_image_path,
    with_notice_grounds,
)
from moderation.services.claims import claim_active
from photos.pipeline import RENDITION_SIZES
from web.forms_moderation_queue import QueueFilterForm
from web.keyset_pagination import old_page_links, paged
from web.views.moderation_common import (
    cached_part,
    moderator_required,
    parts_version,
    private_file,
)

SIDE_LIST_LIMIT = 50
FULL_SIZE = "full"
GROUNDS = Ground.choices


@require_GET
@moderator_required
@old_page_links
def queue(request):
    """Built from two cached parts (see parts_version): the page of cases, the same for
    every moderator, and the side lists, per moderator because they mark the viewer's own
    proposals. A warm page makes 4 queries (session, user, second-factor device, version); a
    cold one 9."""
    version = parts_version()
    viewer_id = request.user.pk
    flt = QueueFilter.from_query(request.GET)
    # "Claimed by me" depends on who looks; every other filter is the same for everyone.
    whose = f"{viewer_id}:" if flt.claim else ""
    where = hashlib.sha256((whose + request.GET.urlencode()).encode()).hexdigest()
    cases = cached_part(f"queue:{where}", version, lambda: _cases_part(request, flt))
    side = cached_part(f"queue-side:{viewer_id}", version, lambda: _side_part(viewer_id))
    context = {
        "cases": cases,
        "side": side,
        "filter": QueueFilterForm(initial=flt.query(), auto_id="filter-%s"),
        "filtered": flt.active,
        "query": urlencode(flt.query()),
    }
    return render(request, "moderation/queue.html", context)


def _cases_part(request, flt: QueueFilter) -> dict:
    """One page of cases rendered, with what the (fresh) pagination links need. A constant
    number of queries whatever the queue's length: the page, one per kind of item."""
    page = paged(request, with_notice_grounds(queue_filtered(flt, request.user.pk)))
    targets = case_targets(page.items)
    now = timezone.now()
    for case in page.items:
        case.claimed = claim_active(case, now)
        case.target = targets.get((case.target_type, case.target_id))
        case.grounds = sorted(label for value, label in GROUNDS if getattr(case, f"ground_{value}"))
        case.pending = case.state in ("open", "awaiting_approval")
        case.overdue = case.pending and case.deadline_at <= now
    context = {"cases": page.items, "query": urlencode(flt.query())}
    html = render_to_string("moderation/_queue_cases.html", context)
    return {"html": html if page.items else "", "page": replace(page, items=[])}


def _side_part(viewer_id: int) -> str:
    context = {
        "approvals": list(pending_approvals()[:SIDE_LIST_LIMIT]),
        "appeals": list(open_appeals()[:SIDE_LIST_LIMIT]),
        "viewer_id": viewer_id,
    }
    return render_to_string("moderation/_queue_side.html", context)


@require_GET
@moderator_required
@old_page_links
def audit(request):
    """Per-moderator figures, and the staff activity: sign-ins and privileged actions."""
    activity = paged(request, staff_activity())
    names = subject_names(activity.items)
    for event in activity.items:
        event.subject_name = names.get(event.subject_id, "") if event.subject_type else ""
    context = {"rows": moderator_audit(), "activity": activity}
    return render(request, "moderation/audit.html", context)


@require_GET
@moderator_required
def case_image(request, case_id: int, size: str):
    """The item's picture for moderators, also after removal (the public rendition URL
    answers 404 for removed photos)."""
    if size not in RENDITION_SIZES and size != FULL_SIZE:
        raise Http404(_("No such size."))
    case = case_detail(case_id)
    if case is None:
        raise Http404(_("No such case."))
    if size == FULL_SIZE:  # the largest rendition stored (a small original has no "large")
        sizes = sorted(RENDITION_SIZES, key=RENDITION_SIZES.get, reverse=True)
        paths = (target_image_path(case.target_type, case.target_id, s) for s in sizes)
        return private_file(next((path for path in paths if path), ""))
    return private_file(target_image_path(case.target_type, case.target_id, size))
