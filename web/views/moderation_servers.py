"""The moderators' page for measures on other servers (issue #20): impose, change or lift
one with a reason, the history of decisions, and Mastodon CSV block lists in and out."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.errors import ServiceError
from federation.domain_lists import ListError, domain_list_export, domain_list_import
from federation.domain_measures import MeasureEntry, domain_measure_lift, domain_measure_set
from federation.models import DomainBlock, DomainDecision
from web.forms_servers import ServerLiftForm, ServerListForm, ServerMeasureForm
from web.keyset_pagination import paged
from web.views.moderation_common import moderator_required

WEB = DomainDecision.Source.WEB


@require_http_methods(["GET", "POST"])
@moderator_required
def servers(request):
    form = ServerMeasureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            decision = domain_measure_set(
                moderator=request.user, entry=MeasureEntry(**form.cleaned_data), source=WEB
            )
        except ServiceError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request, _("Measure on %(domain)s recorded.") % {"domain": decision.domain}
            )
            return redirect("moderation_servers")
    page = paged(request, DomainBlock.objects.order_by("domain"))
    context = {"form": form, "page": page, "lift_form": ServerLiftForm()}
    return render(request, "moderation/servers.html", context)


@require_POST
@moderator_required
def lift(request, block_id: int):
    block = get_object_or_404(DomainBlock, pk=block_id)
    form = ServerLiftForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the public reason for lifting the measure."))
        return redirect("moderation_servers")
    try:
        domain_measure_lift(
            moderator=request.user,
            domain=block.domain,
            public_reason=form.cleaned_data["public_reason"],
            source=WEB,
        )
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Measure on %(domain)s lifted.") % {"domain": block.domain})
    return redirect("moderation_servers")


@require_GET
@moderator_required
def decisions(request):
    page = paged(request, DomainDecision.objects.select_related("moderator"))
    return render(request, "moderation/server_decisions.html", {"page": page})


@require_http_methods(["GET", "POST"])
@moderator_required
def list_import(request):
    form = ServerListForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        try:
            result = domain_list_import(
                moderator=request.user,
                data=form.cleaned_data["file"].read(),
                default_reason=form.cleaned_data["default_reason"],
            )
        except ListError as error:
            problems = error.problems
            form.add_error(None, _("The list was not imported; nothing changed."))
        except ServiceError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _imported(result))
            return redirect("moderation_servers")
    return render(request, "moderation/server_import.html", {"form": form, "problems": problems})


def _imported(result) -> str:
    done = ngettext(
        "%(count)s decision recorded from the list.",
        "%(count)s decisions recorded from the list.",
        len(result.decisions),
    ) % {"count": len(result.decisions)}
    if not result.skipped:
        return done
    skipped = ngettext(
        "%(count)s row asked for no measure and was skipped.",
        "%(count)s rows asked for no measure and were skipped.",
        len(result.skipped),
    ) % {"count": len(result.skipped)}
    return f"{done} {skipped}"


@require_GET
@moderator_required
def list_export(request):
    response = HttpResponse(domain_list_export(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="candid-domain-blocks.csv"'
    return response
