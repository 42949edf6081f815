"""Outgoing mail's part of a user's export and erasure (see rights/registry.py): the
messages Candid recorded to the account's address (kept CANDID_MAIL_KEEP_DAYS once sent,
core/mail.py). Listed last in the registry, so erasure, which walks it in reverse, deletes
them while the account still has its address."""

from core.models import OutgoingMail

SECTION = "mail"
README = """\
### mail/

- `messages.json`: the e-mails Candid sent, or is about to send, to your address in the
  last days it keeps them: when, subject, text and whether it was sent.
"""
CHUNK = 1000


def _messages(user):
    if not user.email:
        return OutgoingMail.objects.none()
    return OutgoingMail.objects.filter(recipient__iexact=user.email)


def export(user, writer) -> None:
    with writer.json_array("mail/messages.json") as out:
        rows = _messages(user).order_by("id").values("created_at", "sent_at", "subject", "body")
        for row in rows.iterator(chunk_size=CHUNK):
            out.append(row)


def erase(user, *, holds) -> dict[str, int]:
    deleted, _ = _messages(user).delete()
    return {"mail_deleted": deleted}
