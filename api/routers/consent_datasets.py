"""Dataset licensees (their own tokens: `Authorization: Bearer cdl_...`) and the owner's
view of where their photos went. Licensee tokens open only the /licensee/ endpoints."""

import json
from datetime import datetime

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from api.auth import LICENSEE_AUTH, USER_READ, user_of
from api.pagination import Page, PageParams, page_of
from api.schemas.common import ERRORS
from api.schemas.text import PlainText
from consent.selectors.licensees import (
    notice_get,
    notices_of,
    release_for_licensee,
    releases_for_licensee,
    withdrawals_of,
)
from consent.selectors.releases import manifest_rows_deliverable, release_header
from consent.services.deletion_notices import deletion_notice_acknowledge
from consent.services.licensees import release_deliver
from core.errors import NotFound

router = Router(tags=["dataset licensees"])


class ReleaseOut(Schema):
    id: int
    dataset: str
    number: int
    purpose: str
    commercial: bool
    needs_derivatives: bool
    rows: int
    published_at: datetime | None


class DeletionItemOut(Schema):
    photo_id: int
    sha256: str
    pdq_hash: str


class DeletionNoticeOut(Schema):
    id: int
    release_id: int
    dataset: str
    release_number: int
    state: str = Field(description="sent, reminded, escalated or acknowledged")
    sent_at: datetime
    acknowledged_at: datetime | None
    items: list[DeletionItemOut] = Field(description="Photos to delete, with their hashes")


class NoticeRef(Schema):
    id: int
    state: str
    sent_at: datetime
    acknowledged_at: datetime | None


class ReceivedOut(Schema):
    organisation: str
    received_at: datetime
    notice: NoticeRef | None


class HeldOut(Schema):
    release_id: int
    dataset: str
    number: int
    purpose: str
    built_at: datetime | None
    licensees: list[ReceivedOut]


class WithdrawalOut(Schema):
    photo_id: int
    title: str | None
    exists: bool
    releases: list[HeldOut]


def present_release(release) -> dict:
    d = release.dataset
    return {
        "id": release.pk,
        "dataset": d.name,
        "number": release.number,
        "purpose": d.purpose,
        "commercial": d.commercial,
        "needs_derivatives": d.needs_derivatives,
        "rows": release.row_count,
        "published_at": release.published_at,
    }


def present_notice(notice) -> dict:
    return {
        "id": notice.pk,
        "release_id": notice.release_id,
        "dataset": notice.release.dataset.name,
        "release_number": notice.release.number,
        "state": notice.state,
        "sent_at": notice.sent_at,
        "acknowledged_at": notice.acknowledged_at,
        "items": [
            {"photo_id": i.photo_ref, "sha256": i.sha256, "pdq_hash": i.pdq_hash}
            for i in notice.items.all()
        ],
    }


@router.get("/licensee/releases", response={200: Page[ReleaseOut], **ERRORS}, auth=LICENSEE_AUTH)
def licensee_releases(request: HttpRequest, page: Query[PageParams]):
    """Published releases of the datasets your agreement covers, newest first. Licensee
    token."""
    return page_of(request, releases_for_licensee(request.licensee), page, present_release)


@router.get(
    "/licensee/releases/{release_id}/manifest",
    response={200: None, **ERRORS},
    auth=LICENSEE_AUTH,
    openapi_extra={
        "responses": {
            200: {
                "description": "The frozen manifest",
                "content": {"application/x-ndjson": {}, "application/json": {}},
            }
        }
    },
)
def licensee_manifest(request: HttpRequest, release_id: int, format: PlainText = "jsonl"):
    """Download a release manifest: one row per photo (photo_id, rendition_url, licence,
    attribution, sha256, pdq_hash, consent state at build time). `format=jsonl` (default,
    one JSON object a line) or `json` (`{"release": {...}, "rows": [...]}`, `rows` in the
    header counting the rows sent). Photos withdrawn or deleted since the build are left
    out and listed in a deletion notice instead. Every download is recorded: later
    withdrawals reach you as deletion notices. Licensee token."""
    licensee = request.licensee
    release = release_for_licensee(licensee, release_id)
    release_deliver(licensee=licensee, release=release, format=format)
    if format == "json":
        rows = list(manifest_rows_deliverable(release))
        body = {"release": {**release_header(release), "rows": len(rows)}, "rows": rows}
        return HttpResponse(json.dumps(body), content_type="application/json")
    lines = (json.dumps(row) + "\n" for row in manifest_rows_deliverable(release))
    response = StreamingHttpResponse(lines, content_type="application/x-ndjson")
    response["X-Candid-Release"] = f"{release.dataset.name} v{release.number}"
    return response


@router.get(
    "/licensee/deletion-notices",
    response={200: Page[DeletionNoticeOut], **ERRORS},
    auth=LICENSEE_AUTH,
)
def licensee_deletion_notices(request: HttpRequest, page: Query[PageParams], open: bool = False):
    """Your deletion notices, newest first: photos whose consent was withdrawn after you
    received a release holding them. Delete them, then acknowledge. `open=true` lists
    only notices not yet acknowledged. Licensee token."""
    notices = notices_of(request.licensee)
    if open:
        notices = notices.exclude(state="acknowledged")
    return page_of(request, notices, page, present_notice)


@router.post(
    "/licensee/deletion-notices/{notice_id}/acknowledge",
    response={200: DeletionNoticeOut, 409: ERRORS[400], **ERRORS},
    auth=LICENSEE_AUTH,
)
def licensee_acknowledge(request: HttpRequest, notice_id: int):
    """Confirm that you deleted every photo of the notice. A notice sent to another
    licensee is refused (403) and stays unchanged. Licensee token."""
    notice = notice_get(notice_id)
    if notice is None:
        raise NotFound(_("No such deletion notice."))
    acknowledged = deletion_notice_acknowledge(licensee=request.licensee, notice=notice, via="api")
    return present_notice(acknowledged)


@router.get("/me/withdrawals", response={200: list[WithdrawalOut], **ERRORS}, auth=USER_READ)
def my_withdrawals(request: HttpRequest):
    """Per photo of yours that a dataset release held: every release, every licensee that
    received it, and whether each acknowledged the deletion after you withdrew consent.
    Scope `read`."""
    return withdrawals_of(user_of(request))
