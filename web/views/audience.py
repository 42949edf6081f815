"""A member's audience on the web: the privacy settings page (follow approval, pending
requests, blocked and muted accounts), the profile's block, mute and remove-follower
buttons, and the lists of a member's followers and of whom they follow."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.selectors import user_by_username
from core.errors import ServiceError
from federation.selectors import remote_follow_requests_for
from social import audience_services as audience
from social.audience_selectors import (
    blocked_by_member,
    follow_approval_of,
    muted_by_member,
    requesters_of,
)
from social.models import FollowApproval
from social.selectors import followers_of, following_of
from web.keyset_pagination import old_page_links, paged
from web.open_web import robots_header

SHOWN = 200  # blocked and muted accounts listed on the settings page
PEOPLE_PER_PAGE = 20


class ApprovalForm(forms.Form):
    follow_approval = forms.ChoiceField(
        label=gettext_lazy("Follows need my approval"),
        choices=FollowApproval.choices,
        widget=forms.RadioSelect,
    )


def _member(username: str):
    member = user_by_username(username)
    if member is None:
        raise Http404(_("No such member."))
    return member


def _back(request, member):
    """Back to the privacy settings when the button was there, else to the profile."""
    if request.POST.get("back") == "privacy":
        return redirect("privacy_settings")
    return redirect("profile", username=member.username)


def _act(request, username: str, service, done: str):
    """Calls one service on the member named, says what happened or why not."""
    member = _member(username)
    try:
        service(member)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done % {"name": member.name})
    return _back(request, member)


@login_required
@require_http_methods(["GET", "POST"])
def privacy_settings(request):
    user = request.user
    form = ApprovalForm(request.POST or None, initial={"follow_approval": follow_approval_of(user)})
    if request.method == "POST" and form.is_valid():
        accepted = audience.follow_approval_set(
            member=user, approval=form.cleaned_data["follow_approval"]
        )
        messages.success(request, _("Your follow approval setting is saved."))
        if accepted:
            messages.info(request, _("All waiting follow requests were accepted."))
        return redirect("privacy_settings")
    context = {
        "form": form,
        "page": paged(request, requesters_of(user), PEOPLE_PER_PAGE),
        "remote_requests": list(remote_follow_requests_for(user)[:SHOWN]),
        "blocked": list(blocked_by_member(user)[:SHOWN]),
        "muted": list(muted_by_member(user)[:SHOWN]),
    }
    return render(request, "settings/privacy.html", context)


@login_required
@require_POST
def request_accept(request, username: str):
    def accept(member):
        audience.follow_request_accept(followee=request.user, follower=member)

    return _act(request, username, accept, _("%(name)s now follows you."))


@login_required
@require_POST
def request_refuse(request, username: str):
    def refuse(member):
        audience.follow_request_refuse(followee=request.user, follower=member)

    return _act(request, username, refuse, _("You refused the follow request of %(name)s."))


@login_required
@require_POST
def follower_remove(request, username: str):
    def remove(member):
        audience.follower_remove(member=request.user, follower=member)

    return _act(request, username, remove, _("%(name)s no longer follows you."))


@login_required
@require_POST
def block(request, username: str):
    def do(member):
        audience.block_create(blocker=request.user, blocked=member)

    return _act(request, username, do, _("You blocked %(name)s."))


@login_required
@require_POST
def unblock(request, username: str):
    def do(member):
        audience.block_delete(blocker=request.user, blocked=member)

    return _act(request, username, do, _("You unblocked %(name)s."))


@login_required
@require_POST
def mute(request, username: str):
    def do(member):
        audience.mute_create(muter=request.user, muted=member)

    return _act(request, username, do, _("You muted %(name)s."))


@login_required
@require_POST
def unmute(request, username: str):
    def do(member):
        audience.mute_delete(muter=request.user, muted=member)

    return _act(request, username, do, _("You unmuted %(name)s."))


@require_GET
@old_page_links
def followers(request, username: str):
    member = _member(username)
    context = {
        "member": member,
        "page": paged(request, followers_of(member), PEOPLE_PER_PAGE),
        "which": "followers",
    }
    return robots_header(render(request, "profiles/people.html", context), member)


@require_GET
@old_page_links
def following(request, username: str):
    member = _member(username)
    context = {
        "member": member,
        "page": paged(request, following_of(member), PEOPLE_PER_PAGE),
        "which": "following",
    }
    return robots_header(render(request, "profiles/people.html", context), member)
