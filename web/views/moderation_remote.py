"""The page a person on another server reaches from the direct message carrying a
statement of reasons (DSA Art. 17): the full statement, and the appeal form (Art. 20).
The link's token is their key: no Candid account is needed, and without the token the
page does not exist."""

import secrets

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.errors import PermissionDenied, ServiceError
from moderation.models import StatementOfReasons
from moderation.selectors import appeal_deadline, appeal_open, decision_detail
from moderation.services.appeals import appeal_submit
from web.forms_moderation import AppealForm
from web.ratelimits import TOO_MANY_APPEALS, limit_posts


def _statement(statement_id: int, token: str) -> StatementOfReasons:
    statement = StatementOfReasons.objects.filter(
        pk=statement_id, remote_recipient__isnull=False
    ).first()
    if statement is None or not secrets.compare_digest(token, statement.access_token):
        raise Http404(_("No such statement."))
    return statement


@limit_posts("appeals", "CANDID_APPEAL_RATE", message=TOO_MANY_APPEALS)
@require_http_methods(["GET", "POST"])
def remote_statement(request, statement_id: int, token: str):
    statement = _statement(statement_id, token)
    decision = decision_detail(statement.decision_id)
    decision.appeal_until = appeal_deadline(statement.sent_at)
    decision.can_appeal = False  # the form is on this page, not behind the members' link
    waiting = decision.appeals.filter(state="submitted", role="affected").exists()
    may_appeal = appeal_open(decision, statement.sent_at, timezone.now()) and not waiting
    form = AppealForm(request.POST or None, request.FILES or None) if may_appeal else None
    status = 200
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            appeal = appeal_submit(
                decision=decision,
                explanation=form.cleaned_data["explanation"],
                appeal_token=token,
                attachment=form.cleaned_data["attachment"],
            )
        except ServiceError as error:
            form.add_error(None, error.message)
            status = 403 if isinstance(error, PermissionDenied) else 400
        else:
            messages.success(
                request,
                _(
                    "Your appeal %(reference)s is received. A moderator who took no part in "
                    "the decision will review it; you will get the outcome as a direct "
                    "message, and it will be shown on this page."
                )
                % {"reference": appeal.reference},
            )
            return redirect(request.path)
    elif request.method == "POST":
        status = 400
    context = {
        "decision": decision,
        "statement": statement,
        "form": form,
        "ods_url": settings.CANDID_ODS_BODIES_URL,
    }
    return render(request, "moderation/remote_statement.html", context, status=status)
