"""Notification pages: the list (read when seen), "mark all read", the e-mail settings
and the one-click unsubscribe page. Thin: selectors read, services write."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.errors import ServiceError
from notifications.forms import EmailPreferencesForm
from notifications.kinds import Kind
from notifications.selectors import email_choices, notifications_for
from notifications.services import email_preferences_set, email_unsubscribe, notifications_read
from notifications.texts import path_of, sentence
from notifications.unsubscribe import unsubscribe_read
from web.keyset_pagination import old_page_links, paged


@login_required
@require_GET
@old_page_links
def notification_list(request):
    """Newest first. The items of the page are marked read as it is shown (the first page
    also every unread one newer than its last item, shown or hidden), after reading their
    state, so each item still says whether it was new."""
    page = paged(request, notifications_for(request.user))
    items = [
        {"n": n, "text": sentence(n), "link": path_of(n), "unread": n.read_at is None}
        for n in page.items
    ]
    if page.items:
        first_page = not request.GET.get("cursor")
        newest = None if first_page else page.items[0].pk
        notifications_read(user=request.user, since=page.items[-1].pk, up_to=newest)
    elif not request.GET.get("cursor"):
        notifications_read(user=request.user)
    response = render(request, "notifications/list.html", {"page": page, "items": items})
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def read_all(request):
    notifications_read(user=request.user)
    messages.success(request, _("All notifications are marked read."))
    return redirect("notifications")


@login_required
@require_http_methods(["GET", "POST"])
def settings_page(request):
    form = EmailPreferencesForm(request.POST or None, initial=email_choices(request.user))
    if request.method == "POST" and form.is_valid():
        email_preferences_set(user=request.user, choices=form.cleaned_data)
        messages.success(request, _("Your notification settings are saved."))
        return redirect("notification_settings")
    context = {"form": form, "moderation": Kind.MODERATION.label}
    return render(request, "notifications/settings.html", context)


@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    """RFC 8058: a POST (from the mail program's button, or this page's) unsubscribes at
    once, without signing in and without a CSRF token (the signed token is the authority).
    A GET only asks: link checkers and mail scanners follow links."""
    if request.method == "GET" and unsubscribe_read(token) is not None:
        return render(request, "notifications/unsubscribe.html", {"asked": True})
    try:
        user, kinds = email_unsubscribe(token=token)
    except ServiceError as error:
        return render(
            request, "notifications/unsubscribe.html", {"error": error.message}, status=400
        )
    labels = [Kind(kind).label for kind in kinds]
    return render(request, "notifications/unsubscribe.html", {"done": True, "labels": labels})
