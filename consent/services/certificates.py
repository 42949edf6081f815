"""Issuing reservation certificates (consent.proof.certificate)."""

from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from consent.proof.certificate import certificate_document
from consent.proof.keys import fingerprint, public_key_text
from consent.proof.verify import KEY_KIND
from core.errors import ServiceError
from core.events import event_record
from core.models import Event


def certificate_issue(*, owner, photo=None, start: datetime, end: datetime) -> dict:
    """The signed certificate for one of the owner's photos, or for the account's own
    setting. The signing key is anchored in the public chain the first time it signs."""
    if photo is not None and photo.owner_id != owner.pk:
        raise ServiceError(_("You can ask for certificates of your own photos only."))
    if end <= start:
        raise ServiceError(_("The end of the period must come after its start."))
    with transaction.atomic():
        _anchor_signing_key()
        document = certificate_document(owner=owner, photo=photo, start=start, end=end)
        event_record(
            kind="consent.certificate_issued",
            actor=owner,
            subject=photo or owner,
            data={"periods": len(document["periods"]), "photo": photo is not None},
        )
    return document


def _anchor_signing_key() -> None:
    key_fingerprint = fingerprint(public_key_text())
    if not Event.objects.filter(kind=KEY_KIND, data__fingerprint=key_fingerprint).exists():
        event_record(
            kind=KEY_KIND,
            data={"fingerprint": key_fingerprint, "public_key": public_key_text()},
        )
