"""Notifications' part of a member's export and erasure (see rights/registry.py): the
notifications they received and their e-mail choices. On erasure both go, and so do the
notifications others received about what the member did (they name the member)."""

from notifications.models import EmailPreference, Notification
from notifications.texts import path_of, sentence

SECTION = "notifications"
README = """\
### notifications/

- `notifications.json`: the notifications you received (kind, what it said and where it
  led, when, when you read it, how it was e-mailed).
- `email_preferences.json`: your e-mail choice per kind of notification.
"""
CHUNK = 1000


def export(user, writer) -> None:
    rows = Notification.objects.filter(recipient=user).select_related("actor", "photo")
    with writer.json_array("notifications/notifications.json") as out:
        for n in rows.order_by("id").iterator(chunk_size=CHUNK):
            out.append(
                {
                    "id": n.pk,
                    "kind": n.kind,
                    "text": sentence(n),
                    "path": path_of(n),
                    "created_at": n.created_at,
                    "read_at": n.read_at,
                    "mail": n.mail,
                    "mailed_at": n.mailed_at,
                }
            )
    with writer.json_array("notifications/email_preferences.json") as out:
        for kind, email in EmailPreference.objects.filter(user=user).values_list("kind", "email"):
            out.append({"kind": kind, "email": email})


def erase(user, *, holds) -> dict[str, int]:
    received, _ = Notification.objects.filter(recipient=user).delete()
    caused, _ = Notification.objects.filter(actor=user).delete()
    preferences, _ = EmailPreference.objects.filter(user=user).delete()
    return {
        "notifications_deleted": received,
        "notifications_about_member_deleted": caused,
        "email_preferences_deleted": preferences,
    }
