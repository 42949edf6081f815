"""Importing third-party dataset manifests (millions of rows) so that people can find out
whether their photos are in datasets built elsewhere, and whom to ask for removal.

The rows stream from the file in batches straight into the database: COPY on PostgreSQL,
`executemany` on SQLite, all in one transaction with the dataset row and its event, so a
failed import leaves nothing behind. Malformed or over-long rows are counted, reported with
their line numbers and not imported.
"""

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from consent.manifests.read import ManifestError, Rejections, read_manifest
from consent.models.lookup import ExternalDataset, ManifestRow
from consent.services.pdq_index import pdq_index_build_enqueue
from core.errors import ServiceError
from core.events import event_record

BATCH_ROWS = 50_000
_FIELDS = ("dataset_id", "photo_ref", "owner_ref", "owner_name", "url", "licence", "pdq")


@dataclass
class ImportReport:
    dataset: ExternalDataset
    imported: int
    rejected: int
    examples: list[tuple[int, str]] = field(default_factory=list)
    seconds: float = 0.0


def manifest_import(
    *,
    path: Path,
    name: str,
    version: str,
    contact: str,
    actor=None,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Import one manifest file as dataset `name` `version`; `progress(imported, rejected)`
    is called after each batch."""
    started = time.monotonic()
    _check(path=path, name=name, version=version, contact=contact)
    rejections = Rejections()
    rows = read_manifest(Path(path), rejections)
    with transaction.atomic():
        dataset = ExternalDataset.objects.create(
            name=name,
            version=version,
            contact=contact,
            source_file=Path(path).name[:255],
            imported_by=actor if getattr(actor, "is_authenticated", False) else None,
            imported_at=timezone.now(),
        )
        imported = bulk_write(
            dataset.pk, rows, lambda n: progress and progress(n, rejections.count)
        )
        dataset.rows_imported, dataset.rows_rejected = imported, rejections.count
        dataset.save(update_fields=["rows_imported", "rows_rejected"])
        event_record(
            kind="consent.manifest_imported",
            actor=actor,
            subject=dataset,
            data={"rows": imported, "rejected": rejections.count},
        )
        transaction.on_commit(pdq_index_build_enqueue)
    return ImportReport(
        dataset, imported, rejections.count, rejections.examples, time.monotonic() - started
    )


def _check(*, path, name: str, version: str, contact: str) -> None:
    if not Path(path).is_file():
        raise ManifestError(f"There is no file {path}.")
    if not name.strip() or not version.strip():
        raise ServiceError(_("Give the dataset a name and a version."))
    if "@" not in contact:
        raise ServiceError(_("The contact must be an email address people can write to."))
    if ExternalDataset.objects.filter(name=name, version=version).exists():
        raise ServiceError(
            _("%(name)s %(version)s has already been imported.")
            % {"name": name, "version": version}
        )


def bulk_write(dataset_id: int, rows: Iterable[tuple], progress=None) -> int:
    """Append rows (without dataset id) to ManifestRow with the database's fastest path."""
    writer = {"postgresql": _copy_rows, "sqlite": _executemany_rows}.get(
        connection.vendor, _orm_rows
    )
    total = 0
    for count in writer(dataset_id, _batches(rows)):
        total += count
        if progress:
            progress(total)
    return total


def _batches(rows: Iterable[tuple]) -> Iterator[list[tuple]]:
    iterator = iter(rows)
    while batch := list(islice(iterator, BATCH_ROWS)):
        yield batch


def _copy_rows(dataset_id: int, batches) -> Iterator[int]:
    connection.ensure_connection()
    table = ManifestRow._meta.db_table
    sql = f"COPY {table} ({', '.join(_FIELDS)}) FROM STDIN"
    prefix = f"{dataset_id}\t"
    with connection.connection.cursor() as cursor, cursor.copy(sql) as copy:
        for batch in batches:
            copy.write("".join(prefix + _escape("\t".join(row)) + "\n" for row in batch))
            yield len(batch)


def _escape(value: str) -> str:
    """COPY text format: backslash is the only special character left after validation
    (tabs, newlines and other control characters are refused), so the joined line can be
    escaped as a whole."""
    return value.replace("\\", "\\\\") if "\\" in value else value


def _executemany_rows(dataset_id: int, batches) -> Iterator[int]:
    connection.ensure_connection()
    table = ManifestRow._meta.db_table
    sql = f"INSERT INTO {table} ({', '.join(_FIELDS)}) VALUES (?, ?, ?, ?, ?, ?, ?)"  # noqa: S608
    raw = connection.connection
    for batch in batches:
        raw.executemany(sql, [(dataset_id, *row) for row in batch])
        yield len(batch)


def _orm_rows(dataset_id: int, batches) -> Iterator[int]:
    names = _FIELDS[1:]
    for batch in batches:
        ManifestRow.objects.bulk_create(
            [
                ManifestRow(dataset_id=dataset_id, **dict(zip(names, row, strict=True)))
                for row in batch
            ]
        )
        yield len(batch)


def dataset_delete(*, dataset: ExternalDataset, actor=None) -> None:
    """Drop an imported manifest (e.g. a newer version replaces it)."""
    with transaction.atomic():
        event_record(
            kind="consent.manifest_deleted",
            actor=actor,
            subject=dataset,
            data={"rows": dataset.rows_imported},
        )
        ManifestRow.objects.filter(dataset=dataset)._raw_delete(ManifestRow.objects.db)
        dataset.delete()
