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
from federation.member_block_selectors import remote_blocks_of, remote_mutes_of
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
REMOTE_SHOWN = 10  # requests from other servers on the settings page itself


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
        **_remote_requests(user),
        "blocked": list(blocked_by_member(user)[:SHOWN]),
        "muted": list(muted_by_member(user)[:SHOWN]),
        "remote_blocked": list(remote_blocks_of(user)[:SHOWN]),
        "remote_muted": list(remote_mutes_of(user)[:SHOWN]),
    }
    return render(request, "settings/privacy.html", context)


def _member_action(call, done):
    """A POST button on another member: `call(me, them)` runs one audience service."""

    @login_required
    @require_POST
    def view(request, username: str):
        return _act(request, username, lambda member: call(request.user, member), done)

    return view


request_accept = _member_action(
    lambda me, them: audience.follow_request_accept(followee=me, follower=them),
    gettext_lazy("%(name)s now follows you."),
)
request_refuse = _member_action(
    lambda me, them: audience.follow_request_refuse(followee=me, follower=them),
    gettext_lazy("You refused the follow request of %(name)s."),
)
follower_remove = _member_action(
    lambda me, them: audience.follower_remove(member=me, follower=them),
    gettext_lazy("%(name)s no longer follows you."),
)
block = _member_action(
    lambda me, them: audience.block_create(blocker=me, blocked=them),
    gettext_lazy("You blocked %(name)s."),
)
unblock = _member_action(
    lambda me, them: audience.block_delete(blocker=me, blocked=them),
    gettext_lazy("You unblocked %(name)s."),
)
mute = _member_action(
    lambda me, them: audience.mute_create(muter=me, muted=them),
    gettext_lazy("You muted %(name)s."),
)
unmute = _member_action(
    lambda me, them: audience.mute_delete(muter=me, muted=them),
    gettext_lazy("You unmuted %(name)s."),
)


def _remote_requests(user) -> dict:
    """The first few follow requests from other servers; the rest on their own pages."""
    waiting = list(remote_follow_requests_for(user)[: REMOTE_SHOWN + 1])
    return {"remote_requests": waiting[:REMOTE_SHOWN], "more_remote": len(waiting) > REMOTE_SHOWN}


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
