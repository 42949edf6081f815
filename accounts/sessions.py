"""Signed-in sessions a member can see and end ("Your sessions").

A `SessionRecord` sits beside each session of the configured engine, keyed by its
session key. Revoking deletes the session from the engine, which signs that browser
out on its next request, and the record with it.
"""

from datetime import timedelta
from importlib import import_module

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import SessionRecord, User
from core.errors import NotFound
from core.events import event_record


def session_seen(*, user_id: int, session_key: str, user_agent: str, ip: str | None) -> None:
    """Creates or refreshes the record of a session (at most once a minute): one UPDATE,
    and an INSERT the first time."""
    fields = {"user_id": user_id, "user_agent": user_agent[:255], "ip": ip}
    now = timezone.now()
    if not SessionRecord.objects.filter(session_key=session_key).update(last_seen_at=now, **fields):
        record = SessionRecord(session_key=session_key, last_seen_at=now, **fields)
        SessionRecord.objects.bulk_create([record], ignore_conflicts=True)  # a racing twin


def session_forget(*, session_key: str) -> None:
    """On log-out: the session is gone, so is its line."""
    SessionRecord.objects.filter(session_key=session_key).delete()


def session_rekeyed(*, old_key: str, new_key: str) -> None:
    """The session got a new key (a password change keeps the member signed in under a new
    one): its line follows, keeping when it signed in."""
    if old_key and new_key and old_key != new_key:
        SessionRecord.objects.filter(session_key=old_key).update(session_key=new_key)


def sessions_of(user: User) -> QuerySet[SessionRecord]:
    """The member's sessions seen within the session lifetime, latest first."""
    since = timezone.now() - timedelta(seconds=settings.SESSION_COOKIE_AGE)
    return SessionRecord.objects.filter(user=user, last_seen_at__gte=since)


def session_revoke(*, user: User, record_id: int) -> None:
    record = SessionRecord.objects.filter(user=user, pk=record_id).first()
    if record is None:
        raise NotFound(_("No such session."))
    with transaction.atomic():
        _end([record])
        event_record(kind="account.session_revoked", actor=user, subject=user)


def sessions_revoke_others(*, user: User, keep_key: str) -> int:
    """Signs out every other session of the member; returns how many."""
    others = list(SessionRecord.objects.filter(user=user).exclude(session_key=keep_key))
    with transaction.atomic():
        _end(others)
        event_record(
            kind="account.sessions_revoked", actor=user, subject=user, data={"count": len(others)}
        )
    return len(others)


def sessions_end_all(*, user: User) -> None:
    """Erasure: every session of the account ends, with its record."""
    _end(list(SessionRecord.objects.filter(user=user)))


def _end(records: list[SessionRecord]) -> None:
    store = import_module(settings.SESSION_ENGINE).SessionStore
    for record in records:
        store().delete(record.session_key)
    SessionRecord.objects.filter(pk__in=[r.pk for r in records]).delete()
