"""Reading third-party dataset manifests row by row, with line numbers, refusing what is
malformed without stopping the import.

Formats: CSV (header row), JSON Lines (one object a line) and Parquet (read with pyarrow,
in batches). Columns, by name: photo_id, owner_id,
owner_name, url, licence, pdq (the optional PDQ hash, 64 hex digits). Common aliases
(YFCC100M-style `user_nsid`, `user_nickname`, `license`, `hash`, ...) are accepted; a
Flickr photo id and NSID are what finds photos moved in from Flickr (consent.selectors.origins).
"""

import csv
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path

from core.errors import ServiceError

COLUMNS = ("photo_id", "owner_id", "owner_name", "url", "licence", "pdq")
REQUIRED = ("photo_id", "owner_id")
LIMITS = {"photo_id": 100, "owner_id": 100, "owner_name": 100, "url": 500, "licence": 100}
MAX_LINE_CHARS = 4096
ALIASES = {
    "photo": "photo_id",
    "id": "photo_id",
    "photo_ref": "photo_id",
    "photoid": "photo_id",
    "flickr_id": "photo_id",
    "flickr_photo_id": "photo_id",
    "owner": "owner_id",
    "owner_ref": "owner_id",
    "user_id": "owner_id",
    "user_nsid": "owner_id",
    "usernsid": "owner_id",
    "nsid": "owner_id",
    "owner_nsid": "owner_id",
    "flickr_nsid": "owner_id",
    "username": "owner_name",
    "user_nickname": "owner_name",
    "usernickname": "owner_name",
    "owner_username": "owner_name",
    "download_url": "url",
    "page_url": "url",
    "photo_url": "url",
    "license": "licence",
    "license_name": "licence",
    "hash": "pdq",
    "pdq_hash": "pdq",
}
_HEX64 = re.compile(r"[0-9a-f]{64}")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class ManifestError(ServiceError):
    """The file as a whole cannot be imported (unknown format, no usable header)."""


@dataclass
class Rejections:
    count: int = 0
    examples: list[tuple[int, str]] = field(default_factory=list)
    keep: int = 100

    def add(self, line: int, reason: str) -> None:
        self.count += 1
        if len(self.examples) < self.keep:
            self.examples.append((line, reason))


def read_manifest(path: Path, rejections: Rejections) -> Iterator[tuple]:
    """Valid rows as (photo_id, owner_id, owner_name, url, licence, pdq) tuples."""
    suffix = "".join(path.suffixes[-2:]).lower()
    if suffix.endswith((".jsonl", ".ndjson", ".jsonl.gz")):
        return _jsonl_rows(path, rejections)
    if suffix.endswith(".parquet"):
        return _parquet_rows(path, rejections)
    if suffix.endswith((".csv", ".tsv")):
        return _csv_rows(path, rejections)
    raise ManifestError("A manifest must be a .csv, .jsonl or .parquet file.")


def validate(values: dict, line: int, rejections: Rejections) -> tuple | None:
    """One row checked: required ids present, no field over its limit, a well-formed hash."""
    row = []
    for name in COLUMNS[:5]:
        value = values.get(name)
        value = "" if value is None else str(value).strip()
        if len(value) > LIMITS[name]:
            rejections.add(line, f"{name} is longer than {LIMITS[name]} characters")
            return None
        if name in REQUIRED and not value:
            rejections.add(line, f"{name} is missing")
            return None
        row.append(value)
    pdq = values.get("pdq")
    pdq = "" if pdq is None else str(pdq).strip().lower()
    if pdq and not _HEX64.fullmatch(pdq):
        rejections.add(line, "pdq is not a PDQ hash (64 hexadecimal digits)")
        return None
    if _CONTROL.search("".join(row)):
        rejections.add(line, "a field contains control characters")
        return None
    row.append(pdq)
    return tuple(row)


def _header(names: list[str]) -> list[str | None]:
    mapped = []
    for name in names:
        key = name.strip().lower().lstrip("\ufeff")
        key = ALIASES.get(key, key)
        mapped.append(key if key in COLUMNS else None)
    missing = [name for name in REQUIRED if name not in mapped]
    if missing:
        raise ManifestError(
            f"The manifest's header lacks {', '.join(missing)}. Expected columns: "
            f"{', '.join(COLUMNS)} (pdq optional)."
        )
    return mapped


class _Lines:
    """Feeds the csv reader, refusing over-long lines before they are parsed."""

    def __init__(self, handle, rejections: Rejections):
        self.handle, self.rejections, self.number = handle, rejections, 0

    def __iter__(self):
        for line in self.handle:
            self.number += 1
            if len(line) > MAX_LINE_CHARS:
                self.rejections.add(self.number, f"line longer than {MAX_LINE_CHARS} characters")
                yield "\n"
            else:
                yield line


def _csv_rows(path: Path, rejections: Rejections) -> Iterator[tuple]:
    csv.field_size_limit(MAX_LINE_CHARS)
    with open(path, encoding="utf-8", errors="replace", newline="") as handle:
        lines = _Lines(handle, rejections)
        dialect = "excel-tab" if path.suffix.lower() == ".tsv" else "excel"
        reader = csv.reader(iter(lines), dialect=dialect)
        try:
            columns = _header(next(reader))
        except StopIteration:
            raise ManifestError("The manifest is empty.") from None
        width = len(columns)
        fast = _fast_path(columns)
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                rejections.add(lines.number, f"unreadable CSV ({error})")
                continue
            if not cells:
                continue
            if len(cells) != width:
                rejections.add(lines.number, f"{len(cells)} fields where the header has {width}")
                continue
            row = fast(cells)
            if row is None:
                row = validate(dict(zip(columns, cells, strict=True)), lines.number, rejections)
            if row is not None:
                yield row


def _fast_path(columns: list[str | None]):
    """The common case without building a dict: all six columns present, every value
    already clean. Anything else returns None and goes through `validate` for its
    reason (or its normalisation: stripped values, lower-case hashes)."""
    if any(name not in columns for name in COLUMNS):
        return lambda cells: None
    pick = itemgetter(*(columns.index(name) for name in COLUMNS))
    hex64, control = _HEX64.fullmatch, _CONTROL.search

    def check(cells: list[str]) -> tuple | None:
        row = pick(cells)
        photo, owner, name, url, licence, pdq = row
        if (
            photo
            and owner
            and len(photo) <= 100
            and len(owner) <= 100
            and len(name) <= 100
            and len(url) <= 500
            and len(licence) <= 100
            and (not pdq or hex64(pdq))
            and not control("".join(row))
            and photo.strip() == photo
            and owner.strip() == owner
        ):
            return row
        return None

    return check


def _jsonl_rows(path: Path, rejections: Rejections) -> Iterator[tuple]:
    with open(path, encoding="utf-8", errors="replace") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            if len(line) > MAX_LINE_CHARS:
                rejections.add(number, f"line longer than {MAX_LINE_CHARS} characters")
                continue
            try:
                values = json.loads(line)
            except ValueError:
                rejections.add(number, "not valid JSON")
                continue
            if not isinstance(values, dict):
                rejections.add(number, "not a JSON object")
                continue
            values = {ALIASES.get(k.lower(), k.lower()): v for k, v in values.items()}
            row = validate(values, number, rejections)
            if row is not None:
                yield row


def _parquet_rows(path: Path, rejections: Rejections) -> Iterator[tuple]:
    """Row numbers count data rows from 1. Only the known columns are read, renamed once
    per file rather than per row."""
    import pyarrow.parquet as pq
    from pyarrow import ArrowException

    try:
        parquet = pq.ParquetFile(path)
    except (ArrowException, OSError) as exc:
        raise ManifestError(f"This is not a readable Parquet file: {exc}") from None
    names = parquet.schema_arrow.names
    mapped = _header(names)
    read = [name for name, key in zip(names, mapped, strict=True) if key]
    keys = [key for key in mapped if key]
    number = 0
    try:
        for batch in parquet.iter_batches(batch_size=65536, columns=read):
            for values in batch.rename_columns(keys).to_pylist():
                number += 1
                row = validate(values, number, rejections)
                if row is not None:
                    yield row
    except ArrowException as exc:
        raise ManifestError(f"The Parquet file is damaged after row {number}: {exc}") from None
