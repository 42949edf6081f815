"""What a notification says and where it leads: the same words on the page, in the API
and in the mail (rendered in the reader's language by the caller)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from notifications.kinds import Kind
from notifications.models import Notification

SENTENCES = {
    Kind.FOLLOW: lambda: _("%(actor)s started following you."),
    Kind.FOLLOW_REQUEST: lambda: _("%(actor)s asked to follow you."),
    Kind.FAVOURITE: lambda: _("%(actor)s added your photo “%(photo)s” to their favourites."),
    Kind.COMMENT: lambda: _("%(actor)s commented on your photo “%(photo)s”."),
    Kind.REPLY: lambda: _("%(actor)s also commented on “%(photo)s”."),
    Kind.MENTION: lambda: _("%(actor)s mentioned you on “%(photo)s”."),
}


def sentence(notification: Notification) -> str:
    if notification.kind not in SENTENCES:
        return notification.title
    actor = notification.actor.name if notification.actor_id else notification.title
    actor = actor or _("Someone")  # `title`: the address of someone on another server
    photo = ""
    if notification.photo_id:
        photo = notification.photo.title or _("Untitled")
    return SENTENCES[notification.kind]() % {"actor": actor, "photo": photo}


def path_of(notification: Notification) -> str:
    """The page the notification is about, as a path."""
    if notification.url:
        return notification.url
    if notification.kind == Kind.FOLLOW_REQUEST:
        return reverse("privacy_settings")  # where requests are accepted or refused
    if notification.photo_id:
        page = reverse("photo", args=[notification.photo_id])
        return f"{page}#comment-{notification.comment_id}" if notification.comment_id else page
    if notification.actor_id:
        return reverse("profile", args=[notification.actor.username])
    return reverse("notifications")
