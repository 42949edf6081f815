"""Working through the queue (issue 17): claiming a case, releasing it, jumping to the next
case of a filtered queue, and the admins' statement templates."""

from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.models import User
from core.errors import ServiceError
from moderation.models import Case
from moderation.queue_selectors import QueueFilter, next_case
from moderation.rule_wording import rules_worded
from moderation.selectors import rules_in_force
from moderation.services.claims import case_claim, case_release
from moderation.services.statement_templates import statement_template_set
from web.forms_moderation_speed import statement_templates
from web.views.moderation_common import forbidden, moderator_required


def _case(case_id: int) -> Case:
    case = Case.objects.filter(pk=case_id).first()
    if case is None:
        raise Http404(_("No such case."))
    return case


def _back(request, case_id: int):
    flt = QueueFilter.from_query(QueryDict(request.POST.get("queue", "")))
    suffix = f"?{urlencode(flt.query())}" if flt.active else ""
    return redirect(reverse("moderation_case", args=[case_id]) + suffix)


@require_POST
@moderator_required
def claim(request, case_id: int):
    try:
        case_claim(case=_case(case_id), moderator=request.user)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("You claimed this case."))
    return _back(request, case_id)


@require_POST
@moderator_required
def release(request, case_id: int):
    try:
        case_release(case=_case(case_id), moderator=request.user)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("You released this case."))
    return _back(request, case_id)


@require_GET
@moderator_required
def next_in_queue(request):
    """The next case the viewer can decide in the queue filtered as the URL says (from a
    case page: other than the case `after`)."""
    flt = QueueFilter.from_query(request.GET)
    after = request.GET.get("after", "")
    following = next_case(flt, request.user.pk, after=int(after) if after.isdigit() else None)
    suffix = f"?{urlencode(flt.query())}" if flt.active else ""
    if following is None:
        messages.info(request, _("No other case waits in this queue."))
        return redirect(reverse("moderation_queue") + suffix)
    return redirect(reverse("moderation_case", args=[following.pk]) + suffix)


@require_http_methods(["GET", "POST"])
@moderator_required
def templates(request):
    """Admins write the statement templates; moderators read them."""
    is_admin = request.user.role == User.Role.ADMIN
    if request.method == "POST":
        if not is_admin:
            return forbidden(request, _("Only admins can edit statement templates."))
        try:
            statement_template_set(
                actor=request.user,
                rule_code=request.POST.get("rule_code", ""),
                text=request.POST.get("text", ""),
            )
        except ServiceError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The template is saved."))
        return redirect("moderation_templates")
    texts = statement_templates()
    rows = [
        {"code": worded.code, "title": worded.title, "text": texts.get(worded.code, "")}
        for worded in rules_worded(rules_in_force(), request.LANGUAGE_CODE)
    ]
    return render(request, "moderation/templates.html", {"rows": rows, "can_edit": is_admin})
