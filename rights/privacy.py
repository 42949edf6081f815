"""The rights app's own part of export and erasure: earlier exports (their record, not
the archives), imports and the erasure requests. Erasure deletes every archive file at
once (an import whose archive is gone fails when its worker reaches it)."""

from django.core.files.storage import default_storage
from django.db import transaction

from rights.models import DataExport, ErasureRequest, ImportRun, ImportUpload
from rights.services.movein_uploads import staged_path

SECTION = "rights"
README = """\
### rights/

- `exports.json`: the exports you asked for, when, and their state.
- `erasure_requests.json`: any account deletion you asked for and its state.
- `imports.json`: the archives you imported into this account, when, and their state.
"""


def export(user, writer) -> None:
    writer.write_json(
        "rights/exports.json",
        list(
            DataExport.objects.filter(user=user)
            .order_by("id")
            .values("id", "state", "requested_at", "finished_at", "expires_at", "photo_count")
        ),
    )
    writer.write_json(
        "rights/erasure_requests.json",
        list(
            ErasureRequest.objects.filter(user=user)
            .order_by("id")
            .values("id", "state", "requested_at", "scheduled_for", "cancelled_at")
        ),
    )
    writer.write_json(
        "rights/imports.json",
        list(
            ImportRun.objects.filter(user=user)
            .order_by("id")
            .values("id", "state", "started_at", "finished_at", "photos", "albums")
        ),
    )


def erase(user, *, holds) -> dict[str, int]:
    """Archives are personal data through and through: files and rows both go. The rows
    are locked first, so a build finishing meanwhile either stored its file before (and
    it is deleted here) or finds its row gone and deletes the file itself."""
    exports = DataExport.objects.filter(user=user)
    locked = list(exports.select_for_update().order_by("pk").values_list("file", flat=True))
    files = [p for p in locked if p]
    deleted, _ = exports.delete()
    imports = ImportRun.objects.filter(user=user).select_for_update()
    for archive, archives in imports.order_by("pk").values_list("archive", "archives"):
        files += [p for p in {archive, *(archives or [])} if p]
    waiting = imports.exclude(archive="").update(archive="", archives=[])
    transaction.on_commit(lambda: [default_storage.delete(p) for p in files])
    uploads = ImportUpload.objects.filter(user=user)  # move-in parts being uploaded
    staged = [staged_path(upload) for upload in uploads]
    uploads.delete()
    transaction.on_commit(lambda: [path.unlink(missing_ok=True) for path in staged])
    return {"exports_deleted": deleted, "import_archives_deleted": waiting}


STORAGE_PREFIXES = ("exports/", "imports/")


def stored_files():
    yield from DataExport.objects.exclude(file="").values_list("file", flat=True).iterator()
    live = ImportRun.objects.exclude(archive="").values_list("archive", "archives")
    for archive, archives in live.iterator():
        yield from {archive, *(archives or [])}
