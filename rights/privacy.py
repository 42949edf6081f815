"""The rights app's own part of export and erasure: earlier exports (their record, not
the archives) and the erasure requests. Erasure deletes every archive file at once."""

from django.core.files.storage import default_storage
from django.db import transaction

from rights.models import DataExport, ErasureRequest

SECTION = "rights"
README = """\
### rights/

- `exports.json`: the exports you asked for, when, and their state.
- `erasure_requests.json`: any account deletion you asked for and its state.
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


def erase(user, *, holds) -> dict[str, int]:
    """Archives are personal data through and through: files and rows both go. The rows
    are locked first, so a build finishing meanwhile either stored its file before (and
    it is deleted here) or finds its row gone and deletes the file itself."""
    exports = DataExport.objects.filter(user=user)
    locked = list(exports.select_for_update().order_by("pk").values_list("file", flat=True))
    files = [p for p in locked if p]
    deleted, _ = exports.delete()
    transaction.on_commit(lambda: [default_storage.delete(p) for p in files])
    return {"exports_deleted": deleted}


STORAGE_PREFIXES = ("exports/",)


def stored_files():
    yield from DataExport.objects.exclude(file="").values_list("file", flat=True).iterator()
