"""One action withdraws consent for a photo, an album or the whole account (every purpose),
and propagates to every licensee of an earlier release holding any of the photos."""

from typing import Literal

from django.http import HttpRequest
from ninja import Router, Schema

from api.auth import USER_WRITE, user_of
from api.lookups import visible_album
from api.schemas.common import ERRORS
from consent.services import consent_withdraw
from core.errors import NotFound, ServiceError
from photos.selectors import album_photos, photo_owned_by

router = Router(tags=["consent"])


class WithdrawalIn(Schema):
    scope: Literal["account", "album", "photo"]
    id: int | None = None


class WithdrawalOut(Schema):
    scope: str
    photo_ids: list[int]


@router.post("/me/consent/withdrawals", response={201: WithdrawalOut, **ERRORS}, auth=USER_WRITE)
def withdraw(request: HttpRequest, body: WithdrawalIn):
    """Refuse every purpose for one photo, one album's photos, or (`scope: account`) the
    whole account; licensees of earlier releases are sent deletion notices, whose
    acknowledgements `GET /me/withdrawals` shows. Scope `write`."""
    user = user_of(request)
    photos = None
    if body.scope != "account":
        if body.id is None:
            raise ServiceError("Give the id of the photo or album.")
        photos = _photos(user, body.scope, body.id)
    return 201, {"scope": body.scope, "photo_ids": consent_withdraw(actor=user, photos=photos)}


def _photos(user, scope: str, object_id: int):
    if scope == "photo":
        photo = photo_owned_by(user, object_id)
        if photo is None:
            raise NotFound("No such photo of yours.")
        return [photo]
    album = visible_album(user, object_id)
    if album.owner_id != user.pk:
        raise NotFound("No such album of yours.")
    return list(album_photos(album, user))
