"""'Am I in a dataset?' (public) and depicted-person requests (public to file, staff to
decide). The uploaded image is read in memory and never stored."""

from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import File, Query, Router, Schema, UploadedFile
from ninja.decorators import decorate_view

from api.auth import PUBLIC_OPENAPI, PUBLIC_READ, USER_WRITE, WRITE, auth_for, user_of
from api.ratelimits import enforce_limit
from api.schemas.common import ERRORS, ErrorOut
from api.schemas.text import InputSchema, ParamsSchema
from consent.lookup.upload import in_memory_uploads, too_large_message
from consent.selectors.depicted import depicted_request_for_staff
from consent.selectors.lookup import LookupResult, lookup_image, lookup_photo, lookup_username
from consent.services.depicted import depicted_request_decide, depicted_request_submit
from core.errors import NotFound, ServiceError
from photos.selectors import photo_for_viewer
from web.ratelimits import TOO_MANY_DEPICTED

TOO_MANY_CHECKS = gettext_lazy(
    "Too many image checks from your address in a short time. Please wait a while and try "
    "again; nothing you sent was stored."
)

router = Router(tags=["dataset-check"])


class CheckParams(ParamsSchema):
    username: str | None = None
    photo: str | None = None


class MatchOut(Schema):
    dataset: str
    version: str
    source: str
    contact: str
    photo_ref: str
    owner: str
    url: str
    licence: str
    distance: int | None
    variant: str
    photo_id: int | None
    deletion_requested: bool


class CheckOut(Schema):
    query: str
    matches: list[MatchOut]
    notes: list[str]
    truncated: bool


class DepictedIn(InputSchema):
    name: str
    email: str
    relation: str = "self"
    wants_removal: bool = False
    statement: str = ""


class DepictedOut(Schema):
    id: int
    photo_id: int
    state: str
    deadline: str
    reasons: str


class DecideIn(InputSchema):
    approve: bool
    reasons: str


def _present(result: LookupResult) -> dict:
    matches = [
        {
            **{k: v for k, v in m.__dict__.items() if k not in ("photo", "withdrawn")},
            "photo_id": m.photo.pk if m.photo else None,
            "deletion_requested": m.withdrawn,
        }
        for m in result.matches
    ]
    return {
        "query": result.query,
        "matches": matches,
        "notes": result.notes,
        "truncated": result.truncated,
    }


def _depicted(req) -> dict:
    return {
        "id": req.pk,
        "photo_id": req.photo_id,
        "state": req.state,
        "deadline": req.deadline.isoformat(),
        "reasons": req.reasons,
    }


@router.get(
    "/dataset-check",
    response={200: CheckOut, **ERRORS},
    auth=PUBLIC_READ,
    openapi_extra=PUBLIC_OPENAPI,
)
def dataset_check(request: HttpRequest, params: Query[CheckParams]):
    """Am I in a dataset? Give `username` (a Candid username, or an owner name or id in an
    imported external manifest such as a Flickr NSID) or `photo` (a Candid photo link or
    id). Lists every Candid release and external dataset (name, version, whom to ask for
    removal) that holds it; for a photo also near-duplicates (PDQ distance ≤ 31, rotated
    and mirrored copies included)."""
    if bool(params.username) == bool(params.photo):
        raise ServiceError(_("Give either `username` or `photo`."))
    if params.username:
        return _present(lookup_username(viewer=user_of(request), username=params.username))
    return _present(lookup_photo(viewer=user_of(request), link=params.photo))


@router.post(
    "/dataset-check/image",
    response={200: CheckOut, 413: ErrorOut, 429: ErrorOut, **ERRORS},
    auth=PUBLIC_READ,
    openapi_extra=PUBLIC_OPENAPI,
)
@decorate_view(in_memory_uploads)
def dataset_check_image(request: HttpRequest, image: File[UploadedFile] = None):
    """Upload an image (multipart field `image`): its PDQ hash and its seven rotations and
    mirror images are compared with every hashed photo in Candid's releases and imported
    manifests; matches within distance 31 are listed. The image is read in memory and not
    stored. Refused: not an image, damaged, over 100 megapixels, too large (413); limited
    per client address (429)."""
    enforce_limit(
        request, "dataset-check-image", "CANDID_LOOKUP_RATE", TOO_MANY_CHECKS, method="POST"
    )
    if getattr(request, "lookup_upload_too_large", False):
        return 413, {"detail": too_large_message()}
    if image is None:
        raise ServiceError(_("Send the image as the multipart field `image`."))
    try:
        return _present(lookup_image(viewer=user_of(request), fileobj=image))
    finally:
        image.close()


@router.post(
    "/photos/{photo_id}/depicted-requests",
    response={201: DepictedOut, 429: ErrorOut, **ERRORS},
    auth=auth_for(WRITE, anonymous=True),
    openapi_extra=PUBLIC_OPENAPI,
)
def depicted_request_new(request: HttpRequest, photo_id: int, body: DepictedIn):
    """ "I am in this photo": ask for the photo's exclusion from datasets and, where the law
    gives a right to it (`wants_removal`), its removal. Open to anyone; answered within one
    month (GDPR Art. 12(3)). `relation`: self, guardian or representative. Each request
    mails the requester, the owner and staff, so it is limited per client address, one
    budget with the web form (429 when exceeded)."""
    enforce_limit(request, "depicted", "CANDID_DEPICTED_RATE", TOO_MANY_DEPICTED, method="POST")
    photo = photo_for_viewer(user_of(request), photo_id)
    if photo is None:
        raise NotFound(_("No such photo."))
    made = depicted_request_submit(photo=photo, requester=user_of(request), **body.dict())
    return 201, _depicted(made)


@router.post(
    "/depicted-requests/{request_id}/decision",
    response={200: DepictedOut, **ERRORS},
    auth=USER_WRITE,
)
def depicted_request_decision(request: HttpRequest, request_id: int, body: DecideIn):
    """Staff (moderators, admins) approve the exclusion or reject the request, with reasons
    the requester receives. Approval overrides the owner's consent and propagates to
    licensees like a withdrawal."""
    found = depicted_request_for_staff(user_of(request), request_id)
    decided = depicted_request_decide(
        actor=user_of(request), request=found, approve=body.approve, reasons=body.reasons
    )
    return _depicted(decided)
