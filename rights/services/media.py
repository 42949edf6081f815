"""`manage.py media_check`: every stored file has a row and every row has its file.

The privacy registry names, per app, the rows that point at files (`stored_files`) and
the storage folders they live in (`STORAGE_PREFIXES`). Works on any storage that can list
folders (the local disk, S3)."""

from collections.abc import Iterator
from dataclasses import dataclass

from django.core.files.storage import default_storage

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
