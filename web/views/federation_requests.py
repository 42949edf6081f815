"""Accepting or refusing a follow from another server, from the privacy settings' follow
requests (federation/follow_requests.py sends the answer)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.errors import ServiceError
from federation.follow_requests import remote_follow_request_accept, remote_follow_request_refuse
from federation.selectors import remote_follow_requests_for
from web.keyset_pagination import paged

PER_PAGE = 20


@login_required
@require_GET
def requests(request):
    """Every waiting request from another server, keyset-paged (the privacy page shows the
    first few)."""
    page = paged(request, remote_follow_requests_for(request.user), PER_PAGE)
    return render(request, "settings/remote_requests.html", {"page": page})


@login_required
@require_POST
def accept(request, follow_id: int):
    try:
        follow = remote_follow_request_accept(member=request.user, follow_id=follow_id)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("%(address)s now follows you.") % {"address": follow.follower.address}
        )
    return _back(request)


@login_required
@require_POST
def refuse(request, follow_id: int):
    try:
        remote_follow_request_refuse(member=request.user, follow_id=follow_id)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("You refused the follow request."))
    return _back(request)


def _back(request):
    if request.POST.get("back") == "remote":
        return redirect("remote_follow_requests")
    return redirect("privacy_settings")
