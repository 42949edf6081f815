"""Appeals (DSA Art. 20): the affected user or a notifier files one; a moderator who took
no part in the decision decides it."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.files.storage import default_storage
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.errors import PermissionDenied, ServiceError
from moderation.models import Appeal
from moderation.selectors import appeal_detail, decision_detail, rules_in_force
from moderation.services.appeals import appeal_decide, appeal_party, appeal_submit
from web.forms_moderation import AppealDecideForm, AppealForm, MeasureForm
from web.ratelimits import TOO_MANY_APPEALS, limit_posts, per_account
from web.url_text import refuse_control_characters_in
from web.views.moderation_common import moderator_required, private_file

ATTACHMENT_TYPES = {
    b"%PDF": "application/pdf",
    b"\xff\xd8\xff": "image/jpeg",
    b"\x89PNG": "image/png",
}


def _appeal(appeal_id: int):
    appeal = appeal_detail(appeal_id)
    if appeal is None:
        raise Http404(_("No such appeal."))
    return appeal


@require_http_methods(["GET", "POST"])
@moderator_required
def appeal_page(request, appeal_id: int):
    appeal = _appeal(appeal_id)
    form = AppealDecideForm(request.POST or None)
    measure = MeasureForm(
        request.POST or None, prefix="new", rules=rules_in_force(), use_required_attribute=False
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        modified = form.cleaned_data["outcome"] == Appeal.Outcome.MODIFIED
        if not modified or measure.is_valid():
            try:
                appeal_decide(
                    appeal=appeal,
                    moderator=request.user,
                    **form.cleaned_data,
                    replacement=measure.decision_input() if modified else None,
                )
            except ServiceError as error:
                form.add_error(None, error.message)
                status = error.status
            else:
                messages.success(request, _("The appeal is decided; both parties are told why."))
                return redirect("moderation_appeal", appeal_id=appeal.pk)
    if (form.errors or measure.errors) and status == 200:
        status = 400
    decision = appeal.decision
    context = {
        "appeal": appeal,
        "decision": decision,
        "evidence": getattr(decision, "evidence", None),
        "statement": getattr(decision, "statement", None),
        "form": form,
        "measure": measure,
        "took_part": request.user.pk in (decision.moderator_id, decision.approved_by_id),
    }
    return render(request, "moderation/appeal.html", context, status=status)


@require_GET
@moderator_required
def appeal_attachment(request, appeal_id: int):
    appeal = _appeal(appeal_id)
    if not appeal.attachment or not default_storage.exists(appeal.attachment):
        raise Http404("No attachment.")
    with default_storage.open(appeal.attachment, "rb") as stored:
        head = stored.read(8)
    kind = next((t for magic, t in ATTACHMENT_TYPES.items() if head.startswith(magic)), None)
    if kind is None:
        raise Http404("No attachment.")
    extension = kind.rsplit("/", 1)[-1]
    return private_file(
        appeal.attachment, kind, as_attachment=True, filename=f"{appeal.reference}.{extension}"
    )


@limit_posts("appeals", "CANDID_APPEAL_RATE", key=per_account, message=TOO_MANY_APPEALS)
@require_http_methods(["GET", "POST"])
def appeal_new(request, decision_id: int):
    """For the affected user (signed in) or a notifier: signed in, or with the token from
    the decision email when they reported without an account."""
    decision = decision_detail(decision_id)
    if decision is None:
        raise Http404(_("No such decision."))
    token = request.POST.get("token") or request.GET.get("token", "")
    refused = refuse_control_characters_in(request, "token", token)  # read before any form
    if refused:
        return refused
    if not request.user.is_authenticated and not token:
        return redirect_to_login(request.get_full_path())
    try:
        appeal_party(decision, _appellant(request, token), token)
    except PermissionDenied as error:  # the page shows nothing of the decision then
        raise DjangoPermissionDenied(error.message) from None
    form = AppealForm(request.POST or None, request.FILES or None, initial={"token": token})
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            appeal = _submit(request, decision, form.cleaned_data)
        except ServiceError as error:
            form.add_error(None, error.message)
            status = 403 if isinstance(error, PermissionDenied) else 400
        else:
            return _submitted(request, appeal)
    if form.errors and status == 200:
        status = 400
    context = {"decision": decision, "form": form}
    return render(request, "moderation/appeal_form.html", context, status=status)


def _appellant(request, token: str):
    """With a token, the appeal is the anonymous notifier's, even if someone is signed in."""
    return request.user if request.user.is_authenticated and not token else None


def _submit(request, decision, data):
    token = data["token"]
    return appeal_submit(
        decision=decision,
        explanation=data["explanation"],
        appellant=_appellant(request, token),
        appeal_token=token,
        attachment=data["attachment"],
    )


def _submitted(request, appeal):
    if request.user.is_authenticated:
        messages.success(
            request,
            _(
                "Your appeal %(reference)s is received. A moderator who took no part in "
                "the decision will review it; we will email you the reasoned outcome."
            )
            % {"reference": appeal.reference},
        )
        return redirect("moderation_mine")
    return render(request, "moderation/appeal_sent.html", {"appeal": appeal})
