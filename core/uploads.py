"""Keeping the file name a client really sent.

Django's multipart parser quietly strips directories from upload names
("../../etc/passwd.jpg" arrives as "passwd.jpg"). Candid never uses client names for
storage, but a name that tries a path trick says enough about the request that
`photo_upload` refuses it, as the issue asks. So the upload operation parses its body
with a parser that remembers each name as sent, and hands that name to the service.
"""

from functools import wraps

from django.http import HttpRequest
from django.http.multipartparser import MultiPartParser
from django.utils.datastructures import ImmutableList


class _NameKeepingParser(MultiPartParser):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.names_as_sent: dict[str, str] = {}

    def sanitize_file_name(self, file_name):
        sanitized = super().sanitize_file_name(file_name)
        if sanitized:
            self.names_as_sent[sanitized] = file_name
        return sanitized


def keep_sent_file_names(run):
    """A view decorator (the API applies it through ninja's `decorate_view`). Parsing stays
    lazy (after authentication); only the parser differs. The names land in
    `request.file_names_as_sent`."""

    @wraps(run)
    def wrapped(request: HttpRequest, *args, **kwargs):
        request.file_names_as_sent = {}

        def parse_file_upload(meta, post_data):
            request.upload_handlers = ImmutableList(request.upload_handlers)
            parser = _NameKeepingParser(meta, post_data, request.upload_handlers, request.encoding)
            parsed = parser.parse()
            request.file_names_as_sent = parser.names_as_sent
            return parsed

        request.parse_file_upload = parse_file_upload
        return run(request, *args, **kwargs)

    return wrapped


def name_as_sent(request: HttpRequest, upload) -> str:
    return getattr(request, "file_names_as_sent", {}).get(upload.name, upload.name)
