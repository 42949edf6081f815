"""A case: the item, its history, the notices, the decisions so far, and the decision form.
Suspensions and terminations wait for a second moderator's approval (four eyes)."""

from django.contrib import messages
from django.db.models import prefetch_related_objects
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.errors import ServiceError
from moderation.selectors import (
    case_detail,
    case_targets,
    decision_detail,
    rules_in_force,
    target_history,
)
from moderation.services.decisions import (
    Conflict,
    decision_approve,
    decision_issue,
    decision_reject,
)
from moderation.services.strikes import strike_proposal
from web.forms_moderation import DecisionForm, RejectForm
from web.views.moderation_common import cached_part, moderator_required, parts_version


def _case(case_id: int):
    case = case_detail(case_id)
    if case is None:
        raise Http404(_("No such case."))
    return case


def _decision_form(case, data=None, rules=()):
    notices = list(case.notices.all())
    return DecisionForm(
        data, initial={"expected_version": case.version}, rules=rules, notices=notices
    )


@require_http_methods(["GET", "POST"])
@moderator_required
def case_page(request, case_id: int):
    if request.method == "POST":
        return _decide(request, case_id)
    return _show(request, case_id)


def _decide(request, case_id: int):
    case, rules = _case(case_id), rules_in_force()
    if case.state != "open":
        return _show(request, case_id, conflict=_("This case is already decided."), status=409)
    form = _decision_form(case, request.POST, rules)
    if not form.is_valid():
        return _show(request, case_id, form=form, status=400)
    try:
        decision_issue(
            case=case,
            moderator=request.user,
            data=form.decision_input(),
            expected_version=form.cleaned_data["expected_version"],
        )
    except Conflict as error:
        return _conflict(request, case_id, rules, error.message)
    except ServiceError as error:
        form.add_error(None, error.message)
        return _show(request, case_id, form=form, status=400)
    messages.success(request, _("The decision is saved."))
    return redirect("moderation_case", case_id=case_id)


def _conflict(request, case_id: int, rules, message: str):
    """Show the reloaded case. The moderator's inputs are kept, now against the current
    version, so deciding again is a conscious second submission after reviewing the change."""
    case, form = _case(case_id), None
    if case.state == "open":
        data = request.POST.copy()
        data["expected_version"] = str(case.version)
        form = _decision_form(case, data, rules)
    return _show(request, case_id, form=form, conflict=message, status=409)


def _show(request, case_id: int, *, form=None, conflict: str = "", status: int = 200):
    """The case from its cached parts (see parts_version), the same for every moderator;
    what depends on the viewer (their own content, their own proposal) and every form's
    CSRF token are rendered here, fresh. A warm page makes 4 queries (session, user,
    second-factor device, version); a bound form (after a POST) is rendered fresh too."""
    parts = cached_part(f"case:{case_id}", parts_version(), lambda: _case_parts(case_id))
    if parts is None:
        raise Http404(_("No such case."))
    fields = _fields(form) if form is not None else parts["fields"]
    viewer_id = request.user.pk
    awaiting = any(d["pending"] and d["moderator_id"] != viewer_id for d in parts["decisions"])
    context = {
        "parts": parts,
        "fields": fields if parts["open"] else None,
        "own_content": parts["owner_id"] == viewer_id,
        "reject_form": RejectForm() if awaiting else None,
        "conflict": conflict,
    }
    return render(request, "moderation/case.html", context, status=status)


def _case_parts(case_id: int) -> dict | None:
    """The case page rendered in parts, with the facts the per-viewer parts need."""
    case = case_detail(case_id)
    if case is None:
        return None
    owner = case.target_owner
    context = {
        "case": case,
        "target": case_targets([case]).get((case.target_type, case.target_id)),
        "history": list(target_history(case)[:20]),
        "notices": list(case.notices.all()),
        "proposal": strike_proposal(owner) if owner else "",
    }
    is_open = case.state == "open"
    return {
        "case_id": case.pk,
        "open": is_open,
        "owner_id": owner.pk if owner else None,
        "header": render_to_string("moderation/_case_header.html", context),
        "item": render_to_string("moderation/_case_item.html", context),
        "notices": render_to_string("moderation/_case_notices.html", context),
        "art18": render_to_string("legal/_art18_list.html", {"case_id": case.pk}),
        "decisions": _decision_parts(case),
        "fields": _fields(_decision_form(case, rules=rules_in_force())) if is_open else None,
    }


def _decision_parts(case) -> list[dict]:
    decisions = list(case.decisions.all())
    prefetch_related_objects(decisions, "appeals")
    return [
        {
            "pk": decision.pk,
            "html": render_to_string("moderation/_case_decision.html", {"decision": decision}),
            "pending": decision.state == "pending_approval",
            "moderator_id": decision.moderator_id,
            "action": decision.get_action_display(),
        }
        for decision in decisions
    ]


def _fields(form) -> str:
    return render_to_string("moderation/_decision_fields.html", {"form": form})


def _decision(decision_id: int):
    decision = decision_detail(decision_id)
    if decision is None:
        raise Http404(_("No such decision."))
    return decision


@require_POST
@moderator_required
def approve(request, decision_id: int):
    decision = _decision(decision_id)
    try:
        decision_approve(decision=decision, approver=request.user)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Approved: the decision is in force and its statement sent."))
    return redirect("moderation_case", case_id=decision.case_id)


@require_POST
@moderator_required
def reject(request, decision_id: int):
    decision = _decision(decision_id)
    form = RejectForm(request.POST)
    try:
        if not form.is_valid():
            raise ServiceError(form.errors["reason"][0])
        decision_reject(
            decision=decision, approver=request.user, reason=form.cleaned_data["reason"]
        )
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Not approved: the case is open again."))
    return redirect("moderation_case", case_id=decision.case_id)
