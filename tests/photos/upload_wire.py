"""Uploads as a server receives them: a multipart body built by hand, fed to Django's
request handling through an input stream that looks into the upload directory at every read."""

import io
from pathlib import Path

from django.test.client import ClientHandler

BOUNDARY = "candid-wire-boundary"


def multipart(files: list[tuple[str, bytes]], **fields: str) -> bytes:
    parts = [
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
        for k, v in fields.items()
    ]
    for name, content in files:
        parts.append(
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; '
            f'filename="{name}"\r\nContent-Type: image/jpeg\r\n\r\n'.encode()
            + content
            + b"\r\n"
        )
    return b"".join(parts) + f"--{BOUNDARY}--\r\n".encode()


def upload_files(directory: Path) -> dict[str, int]:
    if not directory.exists():
        return {}
    return {p.name: p.stat().st_size for p in directory.iterdir() if p.is_file()}


class WatchedBody(io.RawIOBase):
    """The request body, read in the server's chunks; before each read it notes the largest
    upload file on disk, so a test can say what existed while the request streamed in."""

    def __init__(self, body: bytes, directory: Path, *, fail_after: int | None = None):
        self.body, self.directory, self.fail_after = body, directory, fail_after
        self.position = 0
        self.largest_seen = 0
        self.files_seen: set[str] = set()

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        seen = upload_files(self.directory)
        self.files_seen |= set(seen)
        self.largest_seen = max([self.largest_seen, *seen.values()])
        if self.fail_after is not None and self.position >= self.fail_after:
            raise ConnectionResetError("the client went away")
        end = len(self.body) if size is None or size < 0 else self.position + size
        chunk = self.body[self.position : end]
        self.position += len(chunk)
        return chunk


def post_over_wsgi(path: str, body: WatchedBody, *, headers: dict[str, str]):
    """(status, body bytes) of one POST through Django's WSGI request handling (the test
    client's handler, which keeps the test's database connection open, with CSRF checks
    on); the response is closed as a WSGI server closes it."""
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": path,
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": "testserver",
        "wsgi.url_scheme": "http",
        "wsgi.input": body,
        "CONTENT_TYPE": f"multipart/form-data; boundary={BOUNDARY}",
        "CONTENT_LENGTH": str(len(body.body)),
        "REMOTE_ADDR": "127.0.0.1",
        **{"HTTP_" + k.upper().replace("-", "_"): v for k, v in headers.items()},
    }
    response = ClientHandler(enforce_csrf_checks=True)(environ)
    return response.status_code, response.content
