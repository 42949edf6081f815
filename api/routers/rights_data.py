"""Your data: exports (GDPR Art. 15, 20) and account erasure (Art. 17). Open to
suspended and terminated accounts too. Requests name the account, and only your own is
accepted."""

from functools import partial

from django.http import FileResponse, HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router

from api.auth import OWNER_READ, OWNER_WRITE, user_of
from api.lookups import user_named
from api.pagination import Page, PageParams, page_of
from api.schemas.common import ERRORS, ErrorOut
from api.schemas.rights_data import ErasureOut, ExportOut, present_erasure, present_export
from api.schemas.text import PlainText
from core.errors import NotFound
from rights.selectors import (
    erasure_pending,
    export_archive_open,
    export_for_download,
    export_of,
    exports_of,
)
from rights.services.erasure import erasure_cancel, erasure_request
from rights.services.exports import export_request

router = Router(tags=["your data"])
DOWNLOAD_ERRORS = {**ERRORS, 409: ErrorOut, 410: ErrorOut}


@router.post("/users/{username}/exports", response={201: ExportOut, **ERRORS}, auth=OWNER_WRITE)
def export_create(request: HttpRequest, username: PlainText):
    """Ask for an export of your account; it is built in the background. Scope `write`."""
    export = export_request(actor=user_of(request), user=user_named(username))
    export.refresh_from_db()
    return 201, present_export(request, export)


@router.get("/me/exports", response={200: Page[ExportOut], **ERRORS}, auth=OWNER_READ)
def export_list(request: HttpRequest, page: Query[PageParams]):
    """Your exports, newest first, with a download link while one is offered. Scope `read`."""
    exports = exports_of(user_of(request))
    return page_of(request, exports, page, partial(present_export, request))


@router.get("/me/exports/{export_id}", response={200: ExportOut, **ERRORS}, auth=OWNER_READ)
def export_detail(request: HttpRequest, export_id: int):
    """One of your exports. Scope `read`."""
    export = export_of(user_of(request), export_id)
    if export is None:
        raise NotFound(_("You have no export with this id."))
    return present_export(request, export)


@router.get(
    "/exports/{token}/archive",
    response={200: None, **DOWNLOAD_ERRORS},
    auth=OWNER_READ,
    url_name="rights_export_download",
)
def export_download(request: HttpRequest, token: PlainText):
    """The ZIP archive, for its owner only, for 7 days. Scope `read`."""
    export = export_for_download(user=user_of(request), token=token)
    response = FileResponse(
        export_archive_open(export),
        as_attachment=True,
        filename=f"candid-export-{export.pk}.zip",
        content_type="application/zip",
    )
    response["Cache-Control"] = "private, no-store"
    return response


@router.post("/users/{username}/erasure", response={201: ErasureOut, **ERRORS}, auth=OWNER_WRITE)
def erasure_create(request: HttpRequest, username: PlainText):
    """Ask for your account to be deleted after the grace period. Scope `write`."""
    erasure = erasure_request(actor=user_of(request), user=user_named(username))
    return 201, present_erasure(erasure)


@router.get("/me/erasure", response={200: ErasureOut, **ERRORS}, auth=OWNER_READ)
def erasure_detail(request: HttpRequest):
    """Your pending deletion request and when it will be carried out. Scope `read`."""
    erasure = erasure_pending(user_of(request))
    if erasure is None:
        raise NotFound(_("Your account is not scheduled for deletion."))
    return present_erasure(erasure)


@router.delete("/me/erasure", response={200: ErasureOut, **ERRORS}, auth=OWNER_WRITE)
def erasure_delete(request: HttpRequest):
    """Cancel your deletion request within the grace period. Scope `write`."""
    user = user_of(request)
    erasure = erasure_pending(user)
    if erasure is None:
        raise NotFound(_("Your account is not scheduled for deletion."))
    return present_erasure(erasure_cancel(actor=user, request=erasure))
