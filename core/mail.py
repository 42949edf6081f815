"""All outgoing email goes one way: recorded now, sent by a task.

A service records each message (one per recipient, so no one sees another's address) as an
`OutgoingMail` row in its own transaction: a rolled-back change mails no one, and a request
never talks to a mail server. The send task (core/mail_tasks.py) is enqueued in that same
transaction when tasks run on the database worker (CANDID_TASKS=database), so a committed
message always has its task; in-process (the embedded default) it runs after commit.

Exactly once: the row's `key` is the message's identity (recipient, purpose, the objects it
is about and its text, which names e.g. a reminder's count), so the same message recorded
twice is one row. The send task claims the row (a short transaction), talks to the mail
server, then marks the row sent: a later run finds it sent, another task for the same
message finds it held, and neither sends. One window remains, as with any mail server
outside the database transaction: if the process dies after the server accepted the
message and before the mark (one UPDATE right after) is committed, the next try sends it
again. Both copies carry the same Message-ID, derived from the key, by which mail clients
and many servers drop the duplicate."""

import hashlib
import uuid
from collections.abc import Callable
from datetime import timedelta
from functools import partial
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F, Model
from django.template.loader import render_to_string
from django.utils import timezone

from core.models import OutgoingMail
from core.tasks import task_enqueue
from core.worker import tasks_in_database

SEND_TASK = "core.mail_tasks.mail_send_task"
CLAIM_MARGIN = timedelta(seconds=60)
# Functions giving more headers for a message (e.g. List-Unsubscribe), registered by the
# apps that send such mail, so core needs to know none of them.
_HEADER_SOURCES: list[Callable[[OutgoingMail], dict[str, str]]] = []


def mail_headers_register(source: Callable[[OutgoingMail], dict[str, str]]) -> None:
    if source not in _HEADER_SOURCES:
        _HEADER_SOURCES.append(source)


def mail_after_commit(*, to: list[str], template: str, context: dict) -> None:
    """`template` names `<template>_subject.txt` and `<template>.txt`."""
    if not any(to):
        return
    context = {**context, "site_url": settings.SITE_URL}
    subject = render_to_string(f"{template}_subject.txt", context).strip()
    body = render_to_string(f"{template}.txt", context)
    about = _objects_named(context)
    mail_record(to=to, subject=subject, body=body, purpose=template, about=about)


def mail_record(
    *, to: list[str], subject: str, body: str, purpose: str, about: str = ""
) -> list[str]:
    """Record one message per distinct address in `to` and schedule its sending; returns
    the messages' keys. `about` names the objects the message is about (with the text,
    it tells two messages of the same purpose apart)."""
    rows = [
        OutgoingMail(
            key=mail_key(
                recipient=address, purpose=purpose, about=about, subject=subject, body=body
            ),
            purpose=purpose,
            recipient=address,
            from_email=settings.DEFAULT_FROM_EMAIL,
            subject=subject,
            body=body,
        )
        for address in sorted({address for address in to if address})
    ]
    with transaction.atomic():
        OutgoingMail.objects.bulk_create(rows, ignore_conflicts=True)
        for row in rows:
            if tasks_in_database():
                task_enqueue(SEND_TASK, row.key)
            else:
                transaction.on_commit(partial(task_enqueue, SEND_TASK, row.key))
    return [row.key for row in rows]


def mail_key(*, recipient: str, purpose: str, about: str, subject: str, body: str) -> str:
    text = "\0".join([recipient.strip().lower(), purpose, about, subject, body])
    return hashlib.sha256(text.encode()).hexdigest()


def _objects_named(context: dict) -> str:
    """The model instances in a template context (alone or in a list), e.g.
    `consent.depictedrequest:7`: two requests alike in every word are still two messages."""
    found = set()
    for value in context.values():
        for item in value if isinstance(value, list | tuple) else [value]:
            if isinstance(item, Model) and item.pk is not None:
                found.add(f"{item._meta.label_lower}:{item.pk}")
    return " ".join(sorted(found))


def mail_send(*, key: str, sender: str = "", last_try: bool = False) -> bool:
    """Send the message `key` unless it was sent; True when this call sent it. `sender`
    names the send task (its result id): while one task holds the message, another leaves
    it alone. A failure is recorded on the row (on the last try it marks the row failed and
    lets go of it) and raised again, for the task to be retried."""
    sender = sender or uuid.uuid4().hex
    mail = _claim(key, sender)
    if mail is None:
        return False
    try:
        _message(mail).send(fail_silently=False)
    except Exception as error:
        OutgoingMail.objects.filter(pk=mail.pk, sent_at=None).update(
            attempts=F("attempts") + 1,
            last_error=f"{type(error).__name__}: {error}"[:2000],
            failed_at=timezone.now() if last_try else None,
            claimed_by="" if last_try else sender,
        )
        raise
    OutgoingMail.objects.filter(pk=mail.pk).update(
        sent_at=timezone.now(), failed_at=None, attempts=F("attempts") + 1
    )
    return True


def _claim(key: str, sender: str) -> OutgoingMail | None:
    """The unsent message, now held by `sender`; None when it was sent, or another sender
    holds it and its hold has not run out (CLAIM_FOR: the mail server's timeout and more).
    The same sender may always take it again: a retried or requeued task runs only after
    its earlier try ended or its worker died. A short transaction: no lock is held while
    the mail server is talked to (SQLite would block every writer meanwhile)."""
    now = timezone.now()
    hold_until = now - timedelta(seconds=settings.EMAIL_TIMEOUT) - CLAIM_MARGIN
    with transaction.atomic():
        mail = OutgoingMail.objects.select_for_update().filter(key=key).first()
        if mail is None or mail.sent_at is not None:
            return None
        held = mail.claimed_by and mail.claimed_at and mail.claimed_at > hold_until
        if held and mail.claimed_by != sender:
            return None
        mail.claimed_by, mail.claimed_at = sender, now
        mail.save(update_fields=["claimed_by", "claimed_at"])
    return mail


def _message(mail: OutgoingMail) -> EmailMessage:
    domain = urlsplit(settings.SITE_URL).hostname or "candid.invalid"
    headers = {"Message-ID": f"<{mail.key}@{domain}>"}
    for source in _HEADER_SOURCES:
        headers.update(source(mail))
    return EmailMessage(mail.subject, mail.body, mail.from_email, [mail.recipient], headers=headers)


def mail_prune(*, now=None) -> int:
    """Delete sent messages older than CANDID_MAIL_KEEP_DAYS (they hold addresses and
    text); unsent and failed ones stay for an operator to see."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.CANDID_MAIL_KEEP_DAYS)
    deleted, _ = OutgoingMail.objects.filter(sent_at__lt=cutoff).delete()
    return deleted
