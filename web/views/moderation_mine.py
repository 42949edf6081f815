""" "My notices": the statements of reasons about me (DSA Art. 17), the notices I filed with
their outcome, my appeals. Open also to suspended and terminated accounts."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from moderation.selectors import (
    appeal_deadline,
    appeal_open,
    appeals_by,
    decision_answering,
    evidence_for_viewer,
    notices_filed_by,
    statements_for,
)
from web.views.moderation_common import private_file

LIST_LIMIT = 200


@login_required
@require_GET
def mine(request):
    user, now = request.user, timezone.now()
    statements = list(statements_for(user)[:LIST_LIMIT])
    for decision in statements:
        _appeal_facts(decision, decision.statement.sent_at, now, user)
    notices = list(notices_filed_by(user).prefetch_related("case__decisions__appeals")[:LIST_LIMIT])
    for notice in notices:
        notice.decision = decision_answering(notice)
        if notice.decision is not None:
            _appeal_facts(notice.decision, notice.notifier_informed_at, now, user)
    context = {
        "statements": statements,
        "notices": notices,
        "appeals": list(appeals_by(user)[:LIST_LIMIT]),
        "ods_url": settings.CANDID_ODS_BODIES_URL,
    }
    return render(request, "moderation/mine.html", context)


def _appeal_facts(decision, informed_at, now, user) -> None:
    """Until when the person may appeal, and whether the button is shown now: not while
    their own appeal is open."""
    decision.appeal_until = appeal_deadline(informed_at)
    open_appeal = any(
        a.state == "submitted" and a.appellant_id == user.pk for a in decision.appeals.all()
    )
    decision.can_appeal = appeal_open(decision, informed_at, now) and not open_appeal


@login_required
@require_GET
def evidence_image(request, decision_id: int):
    """The item as it was when decided: for moderators and the affected user only."""
    evidence = evidence_for_viewer(decision_id, request.user)
    if evidence is None or not evidence.image:
        raise Http404(_("No such evidence."))
    return private_file(evidence.image)
