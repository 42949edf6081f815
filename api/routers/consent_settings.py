"""Consent settings: the caller's account-wide choices, per-photo overrides, and the history
with a receipt for every change (the same services as the web settings page).

Consent is the member's own declaration (GDPR Art. 4(11), 7): changing it takes the
member's own credentials (here a personal token; the web settings page, the session),
never a third-party app's OAuth token, whatever its scopes; apps may still read it."""

from typing import Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from pydantic import ConfigDict, StrictBool

from api.auth import OWNER_WRITE, USER_READ, user_of
from api.pagination import Page, PageParams, page_of
from api.schemas.common import ERRORS
from api.schemas.text import InputSchema
from consent.metadata import ConsentState
from consent.selectors.consent import (
    account_consents,
    consent_history,
    consent_state,
    photo_overrides,
)
from consent.services.consent import account_consents_update, photo_consents_update, receipt_for
from core.errors import NotFound, ServiceError
from photos.selectors import photo_owned_by

router = Router(tags=["consent"])
Choice = Literal["allowed", "refused", "inherit"]
_AS_BOOL = {"allowed": True, "refused": False, "inherit": None}
_AS_CHOICE = {True: "allowed", False: "refused", None: "inherit"}


class AccountConsentIn(InputSchema):
    """Purposes not sent stay as they are."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"minProperties": 1})
    ai_training: StrictBool | None = None
    genai_training: StrictBool | None = None
    biometric: StrictBool | None = None
    research_datasets: StrictBool | None = None


class AccountConsentOut(Schema):
    ai_training: bool
    genai_training: bool
    biometric: bool
    research_datasets: bool


class PhotoConsentIn(InputSchema):
    """`inherit` returns a purpose to the account setting; purposes not sent stay."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"minProperties": 1})
    ai_training: Choice | None = None
    genai_training: Choice | None = None
    biometric: Choice | None = None
    research_datasets: Choice | None = None


class PhotoConsentOut(Schema):
    photo_id: int
    overrides: dict[str, Choice] = Field(description="The photo's own choice per purpose.")
    effective: AccountConsentOut = Field(description="What applies: overrides, account, vetoes.")
    data_mining: str = Field(description="The XMP plus:DataMining value its files carry.")


class ReceiptOut(Schema):
    id: int
    user_id: int
    photo_id: int | None
    purpose: str
    old: str
    new: str
    reason: str
    changed_at: str
    changed_by: str | None
    prev_hash: str
    hash: str = Field(description="sha256(prev_hash + canonical JSON of this change).")


@router.get("/me/consent", response={200: AccountConsentOut, **ERRORS}, auth=USER_READ)
def my_consent(request: HttpRequest):
    """The caller's account-wide consent; every purpose defaults to not allowed."""
    return account_consents(user_of(request))


@router.put("/me/consent", response={200: AccountConsentOut, **ERRORS}, auth=OWNER_WRITE)
def my_consent_update(request: HttpRequest, body: AccountConsentIn):
    """Allow or refuse purposes for all the caller's photos. Scope `write`; personal
    tokens only (an OAuth app is refused with 403)."""
    user = user_of(request)
    account_consents_update(user=user, choices=_sent(body))
    return account_consents(user)


@router.get("/me/consent/history", response={200: Page[ReceiptOut], **ERRORS}, auth=USER_READ)
def my_consent_history(request: HttpRequest, page: Query[PageParams]):
    """Every consent change of the caller, newest first, each with its receipt."""
    history = consent_history(user_of(request)).select_related("changed_by")
    return page_of(request, history, page, _receipt)


@router.get("/photos/{photo_id}/consent", response={200: PhotoConsentOut, **ERRORS}, auth=USER_READ)
def photo_consent(request: HttpRequest, photo_id: int):
    """A photo's consent; its owner only (404 for anyone else)."""
    return _photo_consent(_owned(request, photo_id))


@router.put(
    "/photos/{photo_id}/consent", response={200: PhotoConsentOut, **ERRORS}, auth=OWNER_WRITE
)
def photo_consent_update(request: HttpRequest, photo_id: int, body: PhotoConsentIn):
    """Override the account setting for one photo. Scope `write`; owner only, personal
    tokens only (an OAuth app is refused with 403)."""
    photo = _owned(request, photo_id)
    choices = {purpose: _AS_BOOL[choice] for purpose, choice in _sent(body).items()}
    photo_consents_update(actor=user_of(request), photo=photo, choices=choices)
    return _photo_consent(photo)


def _sent(body: Schema) -> dict:
    sent = body.model_dump(exclude_none=True)
    if not sent:
        names = ", ".join(type(body).model_fields)
        raise ServiceError(_("Send at least one purpose: %(names)s.") % {"names": names})
    return sent


def _owned(request: HttpRequest, photo_id: int):
    photo = photo_owned_by(user_of(request), photo_id)
    if photo is None:
        raise NotFound(_("No such photo among yours."))
    return photo


def _photo_consent(photo) -> dict:
    effective = consent_state(photo)
    return {
        "photo_id": photo.pk,
        "overrides": {p: _AS_CHOICE[v] for p, v in photo_overrides(photo).items()},
        "effective": effective,
        "data_mining": ConsentState(effective).data_mining_uri,
    }


def _receipt(change) -> dict:
    by = change.changed_by.username if change.changed_by else None
    return {"id": change.pk, **receipt_for(change), "changed_by": by}
