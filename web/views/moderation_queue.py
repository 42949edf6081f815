"""The moderators' queue, the audit page and the moderator-only item images."""

from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from moderation.models import Notice
from moderation.selectors import (
    case_detail,
    case_targets,
    moderation_queue,
    moderator_audit,
    open_appeals,
    pending_approvals,
    target_image_path,
)
from photos.pipeline import RENDITION_SIZES
from web.pagination import page_of
from web.views.moderation_common import moderator_required, private_file

SIDE_LIST_LIMIT = 50


@require_GET
@moderator_required
def queue(request):
    """A constant number of queries, whatever the queue's length: one for the page of
    cases, one for their notices, one per kind of item, one per side list."""
    grounds = Prefetch("notices", queryset=Notice.objects.only("id", "case_id", "ground"))
    page = page_of(moderation_queue().prefetch_related(grounds), request.GET.get("page"))
    targets = case_targets(page.items)
    now = timezone.now()
    for case in page.items:
        case.target = targets.get((case.target_type, case.target_id))
        case.grounds = sorted({n.get_ground_display() for n in case.notices.all()})
        case.pending = case.state in ("open", "awaiting_approval")
        case.overdue = case.pending and case.deadline_at <= now
    context = {
        "page": page,
        "approvals": list(pending_approvals()[:SIDE_LIST_LIMIT]),
        "appeals": list(open_appeals()[:SIDE_LIST_LIMIT]),
    }
    return render(request, "moderation/queue.html", context)


@require_GET
@moderator_required
def audit(request):
    return render(request, "moderation/audit.html", {"rows": moderator_audit()})


@require_GET
@moderator_required
def case_image(request, case_id: int, size: str):
    """The item's picture for moderators, also after removal (the public rendition URL
    answers 404 for removed photos)."""
    if size not in RENDITION_SIZES:
        raise Http404("No such size.")
    case = case_detail(case_id)
    if case is None:
        raise Http404("No such case.")
    return private_file(target_image_path(case.target_type, case.target_id, size))
