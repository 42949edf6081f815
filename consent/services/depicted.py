"""Requests from people depicted in a photo: "I am in this photo".

Anyone may ask for the photo's exclusion from datasets and, where the law gives a right
to it (GDPR Art. 17 erasure, Art. 21 objection; national rights to one's own image),
its removal. The owner and staff are told at once; staff answer within one month
(GDPR Art. 12(3), core.deadlines "gdpr_request") with reasons, and the requester is told
the outcome. An approved exclusion overrides the owner's consent for every purpose
(registered in consent.selectors.consent.VETO_PROVIDERS by ConsentConfig.ready) and propagates
to licensees of earlier releases exactly like a withdrawal.
"""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.permissions import ensure_moderator
from consent.models import ConsentChange, Purpose
from consent.models.lookup import DepictedRequest
from consent.notify.depicted import notify_decided, notify_received
from consent.selectors.consent import consents_effective_each
from consent.services.consent import history_append, history_hold, withdrawal_propagate
from consent.states.depicted import DEPICTED_REQUEST
from core.deadlines import deadline
from core.errors import ServiceError
from core.events import event_record
from photos.models import Photo


def depicted_request_submit(
    *,
    photo: Photo,
    name: str,
    email: str,
    relation: str,
    wants_removal: bool = False,
    statement: str = "",
    requester=None,
) -> DepictedRequest:
    """Open to anyone who can see the photo (the caller fetched it through a selector)."""
    name, email, statement = name.strip(), email.strip(), statement.strip()
    _check_submission(name=name, email=email, relation=relation, statement=statement)
    now = timezone.now()
    with transaction.atomic():
        request = DepictedRequest.objects.create(
            photo=photo,
            name=name,
            email=email,
            relation=relation,
            wants_exclusion=True,
            wants_removal=wants_removal,
            statement=statement,
            requester=requester if getattr(requester, "is_authenticated", False) else None,
            created_at=now,
            deadline=deadline("gdpr_request", start=now),
            language=translation.get_language() or "",
        )
        event_record(
            kind="consent.depicted_request",
            actor=requester,
            subject=request,
            data={"photo": photo.pk, "removal": wants_removal, "relation": relation},
            private={"name": name, "email": email},
        )
        notify_received(request)
    return request


def depicted_request_decide(
    *, actor, request: DepictedRequest, approve: bool, reasons: str
) -> DepictedRequest:
    """Staff decide, with reasons the requester receives. Approval excludes the photo from
    every purpose and every future release, and reaches licensees of earlier ones: it is
    written into the owner's consent history (one refusal per purpose, reason
    "depicted_person"), which the trainers' change feed reads, and handed to the
    withdrawal hooks, which send the deletion notices."""
    ensure_moderator(actor)
    reasons = reasons.strip()
    if not reasons:
        raise ServiceError(_("Give the reasons for the decision; the requester receives them."))
    target = "approved" if approve else "rejected"
    photo = Photo.objects.select_related("owner").get(pk=request.photo_id)
    with transaction.atomic():
        if approve:
            history_hold()  # first of all locks, as every consent change
        request = DepictedRequest.objects.select_for_update().get(pk=request.pk)
        DEPICTED_REQUEST.check(request.state, target)
        if approve:
            _record_veto(photo=photo)
        request.state, request.reasons = target, reasons[:4000]
        request.decided_by, request.decided_at = actor, timezone.now()
        request.save(update_fields=["state", "reasons", "decided_by", "decided_at"])
        event_record(
            kind="consent.depicted_decided",
            actor=actor,
            subject=request,
            data={"photo": request.photo_id, "outcome": target},
            private={"reasons": reasons},
        )
        notify_decided(request)
        if approve:
            withdrawal_propagate(photo_ids=[request.photo_id], purposes=list(Purpose.values))
    return request


def _record_veto(*, photo: Photo) -> None:
    """One refusal per purpose in the owner's hash-chained history, old value the consent
    in effect until now; called before the approval is saved, so the veto is not yet
    counted."""
    purposes = list(Purpose.values)
    before = consents_effective_each(photos=[photo], purposes=purposes)
    refused = ConsentChange.Value.REFUSED
    changes = [
        (photo, p, ConsentChange.Value.ALLOWED if before[photo.pk, p].allowed else refused, refused)
        for p in purposes
    ]
    # No actor: the owner's history says "a depicted person's exclusion", not which staff
    # member decided (statements of reasons name no moderator either); the decision's own
    # event records who it was.
    history_append(user=photo.owner, changes=changes, actor=None, reason="depicted_person")


def depicted_pending() -> QuerySet:
    """Photos with a request staff have not decided yet, as a subquery of photo ids. They
    stay out of new dataset releases until the request is rejected: a release cannot be
    recalled, only followed by deletion notices. This is not a veto: elsewhere the owner's
    consent stands until staff decide, so no one can switch a photo off just by filing."""
    return DepictedRequest.objects.filter(state="open").values("photo_id")


def depicted_vetoes(photo_ids: list[int]) -> dict[int, tuple[str, datetime]]:
    """The veto provider: approved exclusions beat the owner's consent for every purpose."""
    if not photo_ids:
        return {}
    rows = DepictedRequest.objects.filter(photo_id__in=photo_ids, state="approved")
    found: dict[int, tuple[str, datetime]] = {}
    for photo_id, decided_at in rows.values_list("photo_id", "decided_at"):
        if photo_id not in found or decided_at < found[photo_id][1]:
            found[photo_id] = ("depicted_person", decided_at)
    return found


def _check_submission(*, name: str, email: str, relation: str, statement: str) -> None:
    if not name:
        raise ServiceError(_("Give your name, so staff can answer you."))
    if len(name) > 120:
        raise ServiceError(_("The name is longer than 120 characters."))
    try:
        validate_email(email)
    except ValidationError:
        raise ServiceError(_("Give an email address where you can receive the answer.")) from None
    if relation not in DepictedRequest.Relation.values:
        raise ServiceError(
            _("Say how you relate to the photo: yourself, as guardian, or as representative.")
        )
    if len(statement) > 4000:
        raise ServiceError(_("The statement is longer than 4,000 characters."))
