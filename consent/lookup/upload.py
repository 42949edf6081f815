"""Receiving the lookup's image upload without writing it anywhere.

Django spills uploads over FILE_UPLOAD_MAX_MEMORY_SIZE to a temporary file. The lookup
promises that the image is not stored, so its views replace the upload handlers with one
that keeps the file in memory only, up to CANDID_MAX_UPLOAD_BYTES; a larger file is
dropped while it streams in and the view answers "too large"."""

from functools import wraps
from io import BytesIO

from django.conf import settings
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler, StopFutureHandlers
from django.utils.translation import gettext


class MemoryOnlyUploadHandler(FileUploadHandler):
    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.buffer = BytesIO()
        self.received = 0
        raise StopFutureHandlers()

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > settings.CANDID_MAX_UPLOAD_BYTES:
            self.request.lookup_upload_too_large = True
            self.buffer = BytesIO()
        elif not getattr(self.request, "lookup_upload_too_large", False):
            self.buffer.write(raw_data)
        return None

    def file_complete(self, file_size):
        if getattr(self.request, "lookup_upload_too_large", False):
            return None
        self.buffer.seek(0)
        return InMemoryUploadedFile(
            file=self.buffer,
            field_name=self.field_name,
            name=self.file_name,
            content_type=self.content_type,
            size=file_size,
            charset=self.charset,
            content_type_extra=self.content_type_extra,
        )


def in_memory_uploads(view):
    """Must run before anything reads request.POST (CSRF middleware does: wrap the view in
    csrf_exempt outside and csrf_protect inside this decorator)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        request.lookup_upload_too_large = False
        request.upload_handlers = [MemoryOnlyUploadHandler(request)]
        return view(request, *args, **kwargs)

    return wrapped


def too_large_message() -> str:
    megabytes = settings.CANDID_MAX_UPLOAD_BYTES // (1024 * 1024)
    return gettext("The image is larger than %(megabytes)s MB. Upload a smaller copy of it.") % {
        "megabytes": megabytes
    }
