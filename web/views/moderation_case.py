"""A case: the item, its history, the notices, the decisions so far, and the decision form.
Suspensions and terminations wait for a second moderator's approval (four eyes)."""

from django.contrib import messages
from django.db.models import prefetch_related_objects
from django.http import Http404
from django.shortcuts import redirect, render
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
from web.views.moderation_common import moderator_required


def _case(case_id: int):
    case = case_detail(case_id)
    if case is None:
        raise Http404("No such case.")
    return case


def _decision_form(case, data=None, rules=()):
    notices = list(case.notices.all())
    return DecisionForm(
        data, initial={"expected_version": case.version}, rules=rules, notices=notices
    )


@require_http_methods(["GET", "POST"])
@moderator_required
def case_page(request, case_id: int):
    case, rules = _case(case_id), rules_in_force()
    form = _decision_form(case, request.POST or None, rules) if case.state == "open" else None
    if request.method == "POST":
        if form is None:
            return _conflict(request, case, rules, "This case is already decided.")
        if form.is_valid():
            try:
                decision_issue(
                    case=case,
                    moderator=request.user,
                    data=form.decision_input(),
                    expected_version=form.cleaned_data["expected_version"],
                )
            except Conflict as error:
                return _conflict(request, _case(case_id), rules, error.message)
            except ServiceError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, "The decision is saved.")
                return redirect("moderation_case", case_id=case.pk)
    status = 400 if form is not None and form.errors else 200
    return render(request, "moderation/case.html", _context(request, case, form), status=status)


def _conflict(request, case, rules, message: str):
    """Show the reloaded case. The moderator's inputs are kept, now against the current
    version, so deciding again is a conscious second submission after reviewing the change."""
    form = None
    if case.state == "open":
        data = request.POST.copy()
        data["expected_version"] = str(case.version)
        form = _decision_form(case, data, rules)
    context = {**_context(request, case, form), "conflict": message}
    return render(request, "moderation/case.html", context, status=409)


def _context(request, case, form) -> dict:
    decisions = list(case.decisions.all())
    prefetch_related_objects(decisions, "appeals")
    pending = [d for d in decisions if d.state == "pending_approval"]
    owner = case.target_owner
    return {
        "case": case,
        "target": case_targets([case]).get((case.target_type, case.target_id)),
        "history": list(target_history(case)[:20]),
        "notices": list(case.notices.all()),
        "decisions": decisions,
        "pending": pending,
        "proposal": strike_proposal(owner) if owner else "",
        "form": form,
        "reject_form": RejectForm(),
        "own_content": owner is not None and owner.pk == request.user.pk,
    }


def _decision(decision_id: int):
    decision = decision_detail(decision_id)
    if decision is None:
        raise Http404("No such decision.")
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
        messages.success(request, "Approved: the decision is in force and its statement sent.")
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
        messages.success(request, "Not approved: the case is open again.")
    return redirect("moderation_case", case_id=decision.case_id)
