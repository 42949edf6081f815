"""Accepting or refusing a follow from another server, from the privacy settings' follow
requests (federation/follow_requests.py sends the answer)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.errors import ServiceError
from federation.follow_requests import remote_follow_request_accept, remote_follow_request_refuse


@login_required
@require_POST
def accept(request, follow_id: int):
    try:
        follow = remote_follow_request_accept(member=request.user, follow_id=follow_id)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("%(address)s now follows you.") % _address(follow.follower))
    return redirect("privacy_settings")


@login_required
@require_POST
def refuse(request, follow_id: int):
    try:
        remote_follow_request_refuse(member=request.user, follow_id=follow_id)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("You refused the follow request."))
    return redirect("privacy_settings")


def _address(actor) -> dict:
    return {"address": f"@{actor.username}@{actor.domain}"}
