"""Reads of a member's notifications. What is shown goes through the photos' own
visibility: a notification about a photo the member can no longer see (made private,
removed, withheld, its owner suspended) or about a removed comment is not shown."""

from django.db.models import Q, QuerySet

from notifications.kinds import CHOOSABLE, DEFAULT_EMAIL, Email
from notifications.models import EmailPreference, Notification
from photos.selectors import photos_visible_to

# The badge says "99+" beyond this: counting stops there, so it stays one short index scan.
UNREAD_CAP = 100


def notifications_for(user) -> QuerySet[Notification]:
    """The member's notifications they may still see, newest first."""
    visible_photos = photos_visible_to(user).values("pk")
    return (
        Notification.objects.filter(recipient=user)
        .filter(Q(photo=None) | Q(photo__in=visible_photos))
        .filter(Q(comment=None) | Q(comment__removed_at=None))
        .select_related("actor", "photo")
        .order_by("-id")
    )


def unread_count(user) -> int:
    """Unread notifications, up to UNREAD_CAP: one count over the partial index of unread
    rows (it does not check visibility, which would cost a join per page: the page that
    shows them marks the hidden ones read too)."""
    unread = Notification.objects.filter(recipient=user, read_at=None).order_by()
    return unread[:UNREAD_CAP].count()


def email_choices(user) -> dict[str, str]:
    """Kind -> e-mail choice for every kind a member can choose for."""
    saved = dict(EmailPreference.objects.filter(user=user).values_list("kind", "email"))
    return {kind: saved.get(kind, DEFAULT_EMAIL[kind]) for kind in CHOOSABLE}


def email_choice(user, kind: str) -> str:
    if kind not in CHOOSABLE:
        return Email.OFF
    saved = EmailPreference.objects.filter(user=user, kind=kind).values_list("email", flat=True)
    return saved.first() or DEFAULT_EMAIL[kind]
