"""Reads for the rights app: a user's exports and erasure request, and the one check that
guards an export download."""

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import NotFound, PermissionDenied, ServiceError
from rights.models import DataExport, ErasureRequest, ImportRun


class Gone(ServiceError):
    status = 410


def exports_of(user) -> QuerySet[DataExport]:
    return DataExport.objects.filter(user=user).order_by("-requested_at", "-id")


def imports_of(user) -> QuerySet[ImportRun]:
    return ImportRun.objects.filter(user=user).order_by("-started_at", "-id")


def export_of(user, export_id: int) -> DataExport | None:
    return exports_of(user).filter(pk=export_id).first()


def export_for_download(*, user, token: str) -> DataExport:
    """The link works only for its owner, only while the archive is offered."""
    export = DataExport.objects.filter(token=token).first() if token else None
    if export is None:
        raise NotFound(_("There is no export behind this link."))
    if not user.is_authenticated or export.user_id != user.pk:
        raise PermissionDenied(_("This download link belongs to another account."))
    if export.state == "expired" or (export.expires_at and export.expires_at <= timezone.now()):
        raise Gone(
            _("This export has expired: downloads are offered for 7 days. Ask for a new one.")
        )
    if export.state != "ready":
        raise ServiceError(_("This export is not ready yet. Try again in a few minutes."))
    return export


def export_archive_open(export: DataExport):
    """The stored archive, or a clear 404 if storage lost it (media_check would list it)."""
    from django.core.files.storage import default_storage

    try:
        return default_storage.open(export.file, "rb")
    except FileNotFoundError as exc:
        raise NotFound(_("The archive is missing; ask for a new export.")) from exc


def erasure_pending(user) -> ErasureRequest | None:
    """The user's request still within its grace period, if any."""
    return ErasureRequest.objects.filter(user=user, state="scheduled").first()


def erasure_of(user, request_id: int) -> ErasureRequest | None:
    return ErasureRequest.objects.filter(user=user, pk=request_id).first()


def moveins_of(user) -> QuerySet[ImportRun]:
    return imports_of(user).exclude(source="candid")


def movein_problems(run: ImportRun, limit: int) -> list:
    """The first `limit` items the run skipped or changed, with why."""
    return list(run.problems.order_by("id")[:limit])


def movein_links(run: ImportRun, limit: int) -> list:
    return list(run.links.order_by("kind", "id")[:limit])
