"""Writing and reading export archives (ZIP), entry by entry, in bounded memory.

An archive can hold tens of thousands of originals; nothing here keeps more than one
chunk of a file, one JSON record and zipfile's per-entry directory record in memory.
Originals (already-compressed images) are stored, JSON is deflated.
"""

import json
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from typing import IO, Any

from django.core.files.storage import default_storage

CHUNK = 1024 * 1024
LAYOUT_VERSION = 1


def _default(value: Any):
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def dumps(obj: Any, *, indent: int | None = 2) -> str:
    return json.dumps(obj, default=_default, ensure_ascii=False, indent=indent)


class JsonArray:
    """A JSON array written one element at a time: `append` never holds the whole list."""

    def __init__(self, stream: IO[bytes], beat: Callable[[], None]):
        self.stream, self.count, self.beat = stream, 0, beat

    def append(self, obj: Any) -> None:
        self.beat()
        prefix = "[\n  " if self.count == 0 else ",\n  "
        self.stream.write((prefix + dumps(obj, indent=None)).encode())
        self.count += 1

    def close(self) -> None:
        self.stream.write(b"[]\n" if self.count == 0 else b"\n]\n")


class ArchiveWriter:
    """What each app's `privacy.export(user, writer)` writes through. `beat` is called
    before every entry, record and chunk: the export's lease heartbeat (core.leases)."""

    def __init__(self, target: IO[bytes], beat: Callable[[], None] = lambda: None):
        self.zip = zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
        self.files, self.beat = 0, beat

    def write_json(self, name: str, obj: Any) -> None:
        self.write_text(name, dumps(obj) + "\n")

    def write_text(self, name: str, text: str) -> None:
        self.beat()
        self.zip.writestr(name, text.encode(), compress_type=zipfile.ZIP_DEFLATED)

    @contextmanager
    def json_array(self, name: str) -> Iterator[JsonArray]:
        with self._open(name, zipfile.ZIP_DEFLATED) as stream:
            array = JsonArray(stream, self.beat)
            yield array
            array.close()

    def copy_from_storage(self, name: str, path: str) -> bool:
        """Copy one stored file into the archive in chunks. A file missing from storage is
        reported by `media_check`; the export goes on without it and says so."""
        try:
            source = default_storage.open(path, "rb")
        except FileNotFoundError:
            return False
        with source, self._open(name, zipfile.ZIP_STORED) as stream:
            while chunk := source.read(CHUNK):
                self.beat()
                stream.write(chunk)
        self.files += 1
        return True

    def _open(self, name: str, compression: int):
        info = zipfile.ZipInfo(name, date_time=datetime.now().timetuple()[:6])
        info.compress_type = compression
        return self.zip.open(info, "w", force_zip64=True)

    def close(self) -> None:
        self.zip.close()


class ArchiveReader:
    """Reading an archive for `import_archive`; refuses entry names that leave the tree.
    `beat` is called before every entry read: the import's lease heartbeat."""

    def __init__(self, path, beat: Callable[[], None] = lambda: None):
        self.zip, self.beat = zipfile.ZipFile(path), beat
        for name in self.zip.namelist():
            if name.startswith("/") or ".." in name.split("/"):
                raise ValueError(f"The archive holds an unsafe entry name: {name!r}")

    def has(self, name: str) -> bool:
        try:
            self.zip.getinfo(name)
        except KeyError:
            return False
        return True

    def json(self, name: str, default: Any = None) -> Any:
        if not self.has(name):
            return default
        self.beat()
        with self.zip.open(name) as stream:
            return json.load(stream)

    def open(self, name: str) -> IO[bytes]:
        self.beat()
        return self.zip.open(name)

    def size(self, name: str) -> int:
        return self.zip.getinfo(name).file_size

    def close(self) -> None:
        self.zip.close()
