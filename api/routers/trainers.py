"""The consent API for model trainers: public, no account needed, limited per client
address. It answers from the same selectors as served metadata and dataset releases."""

from datetime import datetime

from django.http import HttpRequest
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, Router, Schema

from api.ratelimits import enforce_limit
from api.schemas.common import ERRORS, ErrorOut
from api.schemas.text import InputSchema, PlainText
from consent.models import Purpose
from consent.selectors.trainers import (
    MAX_ITEMS,
    candid_hosts,
    consent_changes_since,
    trainers_check,
)
from core.errors import ServiceError

router = Router(tags=["model trainers"])
TOO_MANY = gettext_lazy("Too many requests from your address; wait a minute and try again.")
PUBLIC = {"security": [{}]}
MAX_PAGE = 5000


class CheckIn(InputSchema):
    purpose: str = Field(description=f"One of: {', '.join(Purpose.values)}")
    items: list[str] = Field(
        description=f"Up to {MAX_ITEMS:,} Candid rendition or photo URLs "
        "(e.g. https://candid.example/r/123/large.jpg) or PDQ hashes (64 hex digits)."
    )


class CheckAnswer(Schema):
    item: str
    decision: str = Field(description="allowed, refused or unknown")
    signal: str = Field(
        description="What the decision rests on: photo (the photo's own setting), account "
        "(the owner's account setting), default (nothing chosen: not allowed), an override "
        "such as depicted_person, not_public (not a public Candid photo: nothing granted), "
        "not_candid (not a Candid URL) or no_match (no public photo has this PDQ hash)."
    )
    since: datetime | None = Field(description="When the consent state took effect")
    photo_ids: list[int]


class TrainerCheckOut(Schema):
    purpose: str
    checked_at: datetime
    results: list[CheckAnswer]


class ChangeOut(Schema):
    change_id: int
    photo_id: int
    purpose: str
    scope: str = Field(description="photo, or account (expanded to each of the owner's photos)")
    decision: str = Field(description="The photo's decision for the purpose now")
    signal: str
    changed_at: datetime


class ChangesOut(Schema):
    items: list[ChangeOut]
    next_cursor: str = Field(description="Pass as `cursor` to continue; stays put when idle")
    next: str = Field(description="URL of the next call: this one with `cursor` set")


@router.post(
    "/trainers/check",
    response={200: TrainerCheckOut, 413: ErrorOut, 429: ErrorOut, **ERRORS},
    auth=None,
    openapi_extra=PUBLIC,
)
def trainers_check_items(request: HttpRequest, body: CheckIn):
    """Ask, in bulk, whether Candid photos may be used for a purpose (`ai_training`,
    `genai_training`, `biometric`, `research_datasets`). Send up to 10,000 items, each a
    Candid rendition or photo URL or a PDQ hash (exact match); more answer 413. Each
    answer gives the decision (`allowed`, `refused`, `unknown`), the signal it rests on
    and the time of that consent state. Photos that are not public are `refused`
    (`not_public`). No account needed; limited per client address (429)."""
    enforce_limit(request, "trainers", "CANDID_TRAINER_RATE", TOO_MANY)
    if body.purpose not in Purpose.values:
        raise ServiceError(
            _("Unknown purpose “%(purpose)s”. Use one of %(known)s.")
            % {"purpose": body.purpose, "known": ", ".join(Purpose.values)}
        )
    if len(body.items) > MAX_ITEMS:
        return 413, {
            "detail": _("%(sent)s items sent; at most %(max)s a request. Split the list.")
            % {
                "sent": number_format(len(body.items), force_grouping=True),
                "max": number_format(MAX_ITEMS, force_grouping=True),
            }
        }
    answers = trainers_check(
        items=body.items, purpose=body.purpose, hosts=candid_hosts(request.get_host())
    )
    results = [
        {"item": item, **a.__dict__, "photo_ids": list(a.photo_ids)}
        for item, a in zip(body.items, answers, strict=True)
    ]
    return {"purpose": body.purpose, "checked_at": timezone.now(), "results": results}


@router.get(
    "/trainers/changes",
    response={200: ChangesOut, 429: ErrorOut, **ERRORS},
    auth=None,
    openapi_extra=PUBLIC,
)
def trainers_changes(request: HttpRequest, cursor: PlainText = "", limit: int = 500):
    """Every consent change since `cursor`, oldest first: photo id, purpose, the
    photo's decision now, and when it changed. Start without a cursor, keep
    `next_cursor`, and call again later: a trainer holding a copy learns of every later
    withdrawal. An account-wide change is listed once per public photo of that account.
    No account needed; limited per client address (429)."""
    enforce_limit(request, "trainers", "CANDID_TRAINER_RATE", TOO_MANY)
    if not 1 <= limit <= MAX_PAGE:
        raise ServiceError(_("limit must be between 1 and %(max)s.") % {"max": MAX_PAGE})
    try:
        items, next_cursor = consent_changes_since(cursor=cursor or None, limit=limit)
    except ValueError as error:
        raise ServiceError(str(error)) from None
    query = request.GET.copy()
    query["cursor"] = next_cursor
    url = request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
    return {"items": items, "next_cursor": next_cursor, "next": url}
