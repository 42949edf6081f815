"""Your sessions: every browser signed in to the account, and signing them out."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from accounts.sessions import session_revoke, sessions_of, sessions_revoke_others
from core.errors import NotFound


@login_required
@require_GET
def sessions(request):
    records = list(sessions_of(request.user))
    current = request.session.session_key
    for item in records:
        item.current = item.session_key == current
    return render(request, "settings/sessions.html", {"sessions": records})


@login_required
@require_POST
def revoke(request, record_id: int):
    current = request.session.session_key
    if sessions_of(request.user).filter(pk=record_id, session_key=current).exists():
        messages.error(request, _("To end this session, log out."))
        return redirect("sessions")
    try:
        session_revoke(user=request.user, record_id=record_id)
    except NotFound as error:
        raise Http404(error.message) from error
    messages.success(request, _("That session is signed out."))
    return redirect("sessions")


@login_required
@require_POST
def revoke_others(request):
    count = sessions_revoke_others(user=request.user, keep_key=request.session.session_key)
    messages.success(
        request,
        ngettext(
            "%(count)d other session is signed out.",
            "%(count)d other sessions are signed out.",
            count,
        )
        % {"count": count},
    )
    return redirect("sessions")
