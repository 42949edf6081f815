"""One action withdraws consent for a photo, an album or the whole account (every purpose),
and propagates to every licensee of an earlier release holding any of the photos.

Like every consent change, only with the member's own credentials (a personal token; on
the web, the session): a withdrawal sends deletion notices to every licensee, which
cannot be called back, and consent, given or withdrawn, is the member's own declaration,
not an app's."""

from typing import Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema

from api.auth import OWNER_WRITE, user_of
from api.schemas.common import ERRORS
from api.schemas.text import InputSchema
from consent.selectors.consent import withdrawal_photos
from consent.services.consent import consent_withdraw
from core.errors import ServiceError

router = Router(tags=["consent"])


class WithdrawalIn(InputSchema):
    scope: Literal["account", "album", "photo"]
    id: int | None = None


class WithdrawalMadeOut(Schema):
    scope: str
    photo_ids: list[int]


@router.post(
    "/me/consent/withdrawals", response={201: WithdrawalMadeOut, **ERRORS}, auth=OWNER_WRITE
)
def withdraw(request: HttpRequest, body: WithdrawalIn):
    """Refuse every purpose for one photo, one album's photos, or (`scope: account`) the
    whole account; licensees of earlier releases are sent deletion notices, whose
    acknowledgements `GET /me/withdrawals` shows. Scope `write`; personal tokens only."""
    user = user_of(request)
    if body.scope != "account" and body.id is None:
        raise ServiceError(_("Give the id of the photo or album."))
    photos = withdrawal_photos(user=user, scope=body.scope, object_id=body.id)
    return 201, {"scope": body.scope, "photo_ids": consent_withdraw(actor=user, photos=photos)}
