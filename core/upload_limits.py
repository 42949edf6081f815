"""Receiving uploaded files: on disk only inside CANDID_DATA_DIR, never past the size
limit, never left behind.

Django's own handlers stream any request over FILE_UPLOAD_MAX_MEMORY_SIZE into the system
temp directory, the whole file, and only then does the upload service see its size; a
process killed mid-upload leaves the original there, GPS position and all. The handler
here (settings.FILE_UPLOAD_HANDLERS) instead:

- keeps a file in memory when the whole request is small, and otherwise streams it into
  FILE_UPLOAD_TEMP_DIR (CANDID_DATA_DIR/tmp/uploads), readable by Candid's user only;
- refuses the request as soon as one file passes CANDID_MAX_UPLOAD_BYTES: what was written
  is deleted at once and the rest of the body is not read (the answer is a 413 that names
  the limit; see web/views/errors.py and api/errors.py);
- deletes every file it made when the request ends, whatever happened on the way (it wraps
  `request.close`, which Django calls when the response is closed).

A process killed with kill -9 runs none of that; `upload_debris_sweep` deletes files no
process has written to for DEBRIS_MINUTES, when Candid starts (core/apps.py) and in upkeep
(`manage.py upload_debris_sweep`).
"""

import os
import tempfile
import time
from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadedfile import InMemoryUploadedFile, UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, StopFutureHandlers
from django.utils.translation import gettext as _

PREFIX = "upload-"
SUFFIX = ".part"
# Every live upload writes a chunk at least every few seconds and is processed within
# minutes; a file untouched for this long belongs to a process that died.
DEBRIS_MINUTES = 15


class UploadTooLarge(RequestDataTooBig):
    """One file of the request is over its limit (CANDID_MAX_UPLOAD_BYTES, or the view's)."""

    def __init__(self, limit: int | None = None):
        super().__init__(
            _("The file is larger than the %(limit)s limit.") % {"limit": limit_words(limit)}
        )

    @property
    def message(self) -> str:
        return str(self)


class TemporaryUpload(UploadedFile):
    """An upload streamed to a named file in the upload directory, deleted when closed."""

    def __init__(self, name, content_type, size, charset, content_type_extra=None):
        directory = upload_dir_ensure()
        file = tempfile.NamedTemporaryFile(prefix=PREFIX, suffix=SUFFIX, dir=directory)
        super().__init__(file, name, content_type, size, charset, content_type_extra)

    def temporary_file_path(self) -> str:
        return self.file.name


class LimitedUploadHandler(FileUploadHandler):
    def __init__(self, request=None):
        super().__init__(request)
        self.made: list = []
        self.in_memory = False
        if request is not None:
            request.close = self._closing(request.close)

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.in_memory = content_length <= settings.FILE_UPLOAD_MAX_MEMORY_SIZE

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0
        if self.in_memory:
            self.file = BytesIO()
        else:
            self.file = TemporaryUpload(
                self.file_name, self.content_type, 0, self.charset, self.content_type_extra
            )
        self.made.append(self.file)
        raise StopFutureHandlers()

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.limit():
            self.discard()
            raise UploadTooLarge(self.limit())
        self.file.write(raw_data)

    def file_complete(self, file_size):
        self.file.seek(0)
        if not self.in_memory:
            self.file.size = file_size
            return self.file
        return InMemoryUploadedFile(
            file=self.file,
            field_name=self.field_name,
            name=self.file_name,
            content_type=self.content_type,
            size=file_size,
            charset=self.charset,
            content_type_extra=self.content_type_extra,
        )

    def limit(self) -> int:
        """The view's own limit (`upload_limit`), else CANDID_MAX_UPLOAD_BYTES. The URL is
        resolved before any middleware reads the body, so CSRF's read sees it too."""
        view = getattr(getattr(self.request, "resolver_match", None), "func", None)
        setting = getattr(view, "upload_limit_setting", None)
        return getattr(settings, setting) if setting else settings.CANDID_MAX_UPLOAD_BYTES

    def upload_interrupted(self):
        self.discard()

    def discard(self) -> None:
        """Close (and so delete) every file this request's upload made."""
        for made in self.made:
            made.close()
        self.made = []

    def _closing(self, close):
        def close_and_discard():
            try:
                close()
            finally:
                self.discard()

        return close_and_discard


def upload_limit(setting: str):
    """Gives a view (outermost decorator) the upload limit in `setting` instead of
    CANDID_MAX_UPLOAD_BYTES: an archive import is larger than any photo."""

    def mark(view):
        view.upload_limit_setting = setting
        return view

    return mark


def limit_words(limit: int | None = None) -> str:
    """A limit (CANDID_MAX_UPLOAD_BYTES by default) as people say it: "40 MB", "2048 MB"
    (or "10 KB" for a tiny test limit)."""
    limit = limit or settings.CANDID_MAX_UPLOAD_BYTES
    if limit >= 1024 * 1024:
        return f"{limit // (1024 * 1024)} MB"
    return f"{max(1, round(limit / 1024))} KB"


def upload_dir() -> Path:
    return Path(settings.FILE_UPLOAD_TEMP_DIR)


def upload_dir_ensure() -> Path | None:
    """The upload directory, made (readable by Candid's user only) when missing."""
    if not settings.FILE_UPLOAD_TEMP_DIR:
        return None
    directory = upload_dir()
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    return directory


def upload_debris_sweep(*, older_than_minutes: float = DEBRIS_MINUTES) -> int:
    """Delete upload files nobody has written to for a while; returns how many."""
    if not settings.FILE_UPLOAD_TEMP_DIR or not upload_dir().is_dir():
        return 0
    directory = upload_dir()
    cutoff = time.time() - older_than_minutes * 60
    removed = 0
    for path in directory.glob(f"{PREFIX}*{SUFFIX}"):
        try:
            if path.is_file() and path.stat().st_mtime <= cutoff:
                os.unlink(path)
                removed += 1
        except FileNotFoundError:
            continue
    return removed
