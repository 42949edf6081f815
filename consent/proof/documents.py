"""The versions of robots.txt and tdmrep.json, recorded when their content changes.

A served file is built on each request (it is small and cheap); its hash is compared with
the current version's, remembered per process, so the database is written only when the
content changes, never per request.
"""

import hashlib

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone

from consent.models import ServedDocument
from core.events import event_record

CURRENT_KEY = "candid:served-document:{kind}"


def served_document_note(*, kind: str, body: str) -> None:
    """Records `body` as the version of `kind` served from now on, if it is new."""
    digest = hashlib.sha256(body.encode()).hexdigest()
    key = CURRENT_KEY.format(kind=kind)
    if cache.get(key) == digest:
        return
    try:
        with transaction.atomic():
            _record_version(kind, body, digest)
    except IntegrityError:
        pass  # another process recorded the same change at the same moment
    cache.set(key, digest, 3600)


def _record_version(kind: str, body: str, digest: str) -> None:
    current = ServedDocument.objects.select_for_update().filter(kind=kind, valid_until=None)
    current = current.first()
    if current is not None and current.sha256 == digest:
        return
    now = timezone.now()
    if current is not None:
        current.valid_until = now
        current.save(update_fields=["valid_until"])
    version = ServedDocument.objects.create(kind=kind, sha256=digest, body=body, valid_from=now)
    event = event_record(
        kind="reservation.document_served",
        subject=version,
        data={"document": kind, "sha256": digest},
    )
    version.anchor_seq = event.chain_seq
    version.save(update_fields=["anchor_seq"])


def versions_between(kind: str, start, end) -> list[ServedDocument]:
    """The versions served at any time in [start, end]."""
    overlapping = ServedDocument.objects.filter(kind=kind, valid_from__lte=end).exclude(
        valid_until__lt=start
    )
    return list(overlapping.order_by("valid_from", "id"))
