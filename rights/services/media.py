"""`manage.py media_check`: every stored file has a row and every row has its file.

The privacy registry names, per app, the rows that point at files (`stored_files`) and
the storage folders they live in (`STORAGE_PREFIXES`). Works on any storage that can list
folders (the local disk, S3)."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.files.storage import default_storage
from django.utils import timezone

from core.events import event_record
from rights import registry


@dataclass
class MediaReport:
    orphans: list[str]
    missing: list[str]

    @property
    def ok(self) -> bool:
        return not self.orphans and not self.missing


def _walk(folder: str) -> Iterator[str]:
    try:
        folders, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in files:
        yield f"{folder}{name}"
    for sub in folders:
        yield from _walk(f"{folder}{sub}/")


def media_check() -> MediaReport:
    referenced: set[str] = set()
    prefixes: list[str] = []
    for module in registry.modules():
        if hasattr(module, "stored_files"):
            referenced.update(module.stored_files())
            prefixes.extend(getattr(module, "STORAGE_PREFIXES", ()))
    stored = {path for prefix in prefixes for path in _walk(prefix)}
    missing = sorted(p for p in referenced if p not in stored)
    return MediaReport(orphans=sorted(stored - referenced), missing=missing)


def media_sweep(*, now: datetime | None = None) -> int:
    """Deletes orphaned files (no row points at them) older than
    CANDID_ORPHAN_GRACE_SECONDS (default an hour). A process killed between storing a
    file and committing its row (an upload, an evidence snapshot, an export archive)
    leaves such a file, often personal data; younger orphans are left alone, since their
    row may still be on its way to a commit."""
    now = now or timezone.now()
    limit = now - timedelta(seconds=settings.CANDID_ORPHAN_GRACE_SECONDS)
    swept = 0
    for path in media_check().orphans:
        if default_storage.get_modified_time(path) <= limit:
            default_storage.delete(path)
            swept += 1
    if swept:
        event_record(kind="rights.media_swept", data={"files": swept})
    return swept
