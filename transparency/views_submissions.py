"""The admins' page of statement-of-reasons submissions to the DSA Transparency Database
(Art. 24(5)): each attempt per statement, with what the database answered."""

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from transparency.models import SorSubmission
from transparency.selectors import sor_submission_counts, sor_submissions
from transparency.sor.submit import submission_enabled
from web.views.moderation_common import forbidden, moderator_required

SHOWN = 200


@require_GET
@moderator_required
def submissions(request):
    """Admins only, behind the same second-factor gate as every staff page."""
    if request.user.role != request.user.Role.ADMIN:
        return forbidden(request, _("Only admins can see the submissions to the database."))
    outcome = request.GET.get("outcome", "")
    if outcome and outcome not in SorSubmission.Outcome.values:
        raise Http404(_("No such outcome."))
    counts = sor_submission_counts()
    context = {
        "rows": sor_submissions(outcome=outcome, limit=SHOWN),
        "outcomes": [
            {"value": value, "label": label, "count": counts.get(value, 0)}
            for value, label in SorSubmission.Outcome.choices
        ],
        "outcome": outcome,
        "shown": SHOWN,
        "enabled": submission_enabled(),
    }
    return render(request, "transparency/sor_submissions.html", context)
