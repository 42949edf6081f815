"""A case: the item, its history, the notices, the decisions so far, and the decision form.
Suspensions and terminations wait for a second moderator's approval (four eyes)."""

from urllib.parse import urlencode

from django.contrib import messages
from django.db.models import prefetch_related_objects
from django.http import Http404, QueryDict
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.errors import ServiceError
from federation.selectors import case_deliveries, federation_enabled
from moderation.evidence import (
    likely_original,
    owner_record,
    photo_matches,
    related_open_cases,
)
from moderation.models import Case
from moderation.queue_selectors import QueueFilter, next_case
from moderation.selectors import (
    case_detail,
    case_targets,
    decision_detail,
    rules_in_force,
    target_history,
)
from moderation.services.bulk import decisions_issue_bulk
from moderation.services.claims import claim_active
from moderation.services.decisions import (
    Conflict,
    decision_approve,
    decision_reject,
)
from moderation.services.misuse import server_measures_attach
from moderation.services.strikes import strike_proposal
from web.forms_moderation import DecisionForm, RejectForm
from web.forms_moderation_speed import decision_initial, statement_templates
from web.views.moderation_common import cached_part, moderator_required, parts_version


def _case(case_id: int):
    case = case_detail(case_id)
    if case is None:
        raise Http404(_("No such case."))
    return case


def _decision_form(case, data=None, rules=(), related=(), templates=None):
    """Pre-filled from the notices and the rule's statement template (only initial values:
    a sent form carries what the moderator saw and changed)."""
    notices = list(case.notices.all())
    if templates is None:
        templates = statement_templates() if data is None else {}
    initial = {"expected_version": case.version, **decision_initial(notices, templates)}
    return DecisionForm(data, initial=initial, rules=rules, notices=notices, related=related)


def _related(case) -> list:
    matches = photo_matches(case.target) if _is_photo(case) else []
    return related_open_cases(case, matches)


def _is_photo(case) -> bool:
    return case.target_type == "photo" and getattr(case, "target", None) is not None


@require_http_methods(["GET", "POST"])
@moderator_required
def case_page(request, case_id: int):
    if request.method == "POST":
        return _decide(request, case_id)
    return _show(request, case_id)


def _decide(request, case_id: int):
    case, rules = _with_target(_case(case_id)), rules_in_force()
    if case.state != "open":
        return _show(request, case_id, conflict=_("This case is already decided."), status=409)
    form = _decision_form(case, request.POST, rules, _related(case))
    if not form.is_valid():
        return _show(request, case_id, form=form, status=400)
    chosen = [(case, form.cleaned_data["expected_version"]), *_also(form)]
    try:
        decisions_issue_bulk(cases=chosen, moderator=request.user, data=form.decision_input())
    except Conflict as error:
        return _conflict(request, case_id, rules, error.message)
    except ServiceError as error:
        form.add_error(None, error.message)
        return _show(request, case_id, form=form, status=400)
    messages.success(request, _("The decision is saved."))
    if len(chosen) > 1:
        ids = ", ".join(str(c.pk) for c, _version in chosen[1:])
        messages.success(request, _("The same decision is saved for cases %(ids)s.") % {"ids": ids})
    return _to_next(request, case_id, form.cleaned_data.get("queue") or "")


def _also(form) -> list[tuple]:
    wanted = dict(form.also_cases())
    cases = Case.objects.filter(pk__in=list(wanted)).order_by("pk")
    return [(other, wanted[other.pk]) for other in cases]


def _to_next(request, case_id: int, queue: str):
    """After a decision: the next case of the same filtered queue, or this case when none
    is left."""
    flt = QueueFilter.from_query(QueryDict(queue))
    following = next_case(flt, request.user.pk, after=case_id)
    suffix = f"?{urlencode(flt.query())}" if flt.active else ""
    if following is None:
        messages.info(request, _("No other case waits in this queue."))
        return redirect(reverse("moderation_case", args=[case_id]) + suffix)
    messages.info(request, _("Case %(id)s is decided; here is the next case.") % {"id": case_id})
    return redirect(reverse("moderation_case", args=[following.pk]) + suffix)


def _with_target(case):
    case.target = case_targets([case]).get((case.target_type, case.target_id))
    return case


def _conflict(request, case_id: int, rules, message: str):
    """Show the reloaded case. The moderator's inputs are kept, now against the current
    version, so deciding again is a conscious second submission after reviewing the change."""
    case, form = _with_target(_case(case_id)), None
    if case.state == "open":
        data = request.POST.copy()
        data["expected_version"] = str(case.version)
        form = _decision_form(case, data, rules, _related(case))
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
    source = QueryDict(request.POST.get("queue", "")) if request.method == "POST" else request.GET
    flt = QueueFilter.from_query(source)
    claim = parts["claim"]
    context = {
        "parts": parts,
        "fields": fields if parts["open"] else None,
        "own_content": parts["owner_id"] == viewer_id,
        "reject_form": RejectForm() if awaiting else None,
        "conflict": conflict,
        "queue_query": urlencode(flt.query()),
        "claimed_by_me": claim is not None and claim["moderator_id"] == viewer_id,
        "claimed_by_other": claim is not None and claim["moderator_id"] != viewer_id,
        "deliveries": _deliveries(case_id, parts),
    }
    return render(request, "moderation/case.html", context, status=status)


def _deliveries(case_id: int, parts: dict) -> list:
    """What the case sent to other servers (a report passed on, its decisions' outcomes),
    read fresh: a delivery's state changes without a case event. Only a case on a
    federating instance with a decision or a report passed on has any."""
    if not (federation_enabled() and (parts["decisions"] or parts.get("forwarded"))):
        return []
    return case_deliveries(case_id)


def _case_parts(case_id: int) -> dict | None:
    """The case page rendered in parts, with the facts the per-viewer parts need."""
    case = case_detail(case_id)
    if case is None:
        return None
    owner = case.target_owner
    case = _with_target(case)
    matches = photo_matches(case.target) if _is_photo(case) else []
    related = related_open_cases(case, matches) if case.state == "open" else []
    notices = list(case.notices.all())
    server_measures_attach(notices)
    context = {
        "case": case,
        "target": case.target,
        "history": list(target_history(case)[:20]),
        "notices": notices,
        "proposal": strike_proposal(owner) if owner else "",
        "record": owner_record(owner, exclude_case=case.pk),
        "matches": matches,
        "original": likely_original(case.target, matches) if matches else None,
    }
    is_open = case.state == "open"
    templates = statement_templates() if is_open else {}
    return {
        "case_id": case.pk,
        "open": is_open,
        "owner_id": owner.pk if owner else None,
        "header": render_to_string("moderation/_case_header.html", context),
        "item": render_to_string("moderation/_case_item.html", context),
        "notices": render_to_string("moderation/_case_notices.html", context),
        "art18": render_to_string("legal/_art18_list.html", {"case_id": case.pk}),
        "decisions": _decision_parts(case),
        "fields": _fields(
            _decision_form(case, rules=rules_in_force(), related=related, templates=templates)
        )
        if is_open
        else None,
        "templates": templates,
        "claim": _claim(case),
        "forwarded": any(notice.forward_delivery_id for notice in notices),
    }


def _claim(case) -> dict | None:
    if not claim_active(case):
        return None
    return {
        "moderator_id": case.claimed_by_id,
        "name": case.claimed_by.username,
        "until": case.claimed_until,
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
