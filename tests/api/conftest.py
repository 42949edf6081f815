"""API test helpers: tokens, a client that sends them, and a look at stored media."""

import json
from pathlib import Path

import pytest
from django.test import Client

from accounts.services import token_create

API = "/api/v1"


class ApiClient:
    """A test client speaking JSON to /api/v1 with an optional bearer token."""

    def __init__(self, token: str | None = None):
        self.client = Client()
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}

    def get(self, path: str, **params):
        return self.client.get(API + path, params, headers=self.headers)

    def delete(self, path: str):
        return self.client.delete(API + path, headers=self.headers)

    def send(self, method: str, path: str, data=None, *, raw: str | None = None):
        body = raw if raw is not None else json.dumps(data if data is not None else {})
        return self.client.generic(
            method, API + path, body, content_type="application/json", headers=self.headers
        )

    def post(self, path: str, data=None, **kw):
        return self.send("POST", path, data, **kw)

    def patch(self, path: str, data=None, **kw):
        return self.send("PATCH", path, data, **kw)

    def put(self, path: str, data=None, **kw):
        return self.send("PUT", path, data, **kw)

    def upload(self, data: dict):
        return self.client.post(API + "/photos", data, headers=self.headers)

    def upload_raw(self, filename: str, content: bytes, **fields: str):
        """Multipart built by hand: Django's test client would strip a path from the name."""
        boundary = "candid-test-boundary"
        parts = [
            f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
            for k, v in fields.items()
        ]
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
            f'filename="{filename}"\r\nContent-Type: application/octet-stream\r\n\r\n'.encode()
            + content
            + b"\r\n"
        )
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        return self.client.generic(
            "POST",
            API + "/photos",
            body,
            headers=self.headers,
            content_type=f"multipart/form-data; boundary={boundary}",
        )


@pytest.fixture
def token(db):
    """token(user, "read", "write") -> secret, made as in a session confirmed with the
    second factor (so a moderator's token reaches the staff endpoints)."""

    def make(user, *scopes: str) -> str:
        scopes = list(scopes or ("read", "write"))
        return token_create(user=user, name="test", scopes=scopes, second_factor=True)[1]

    return make


@pytest.fixture
def api(token):
    """api(user=None, *scopes) -> ApiClient; no user means anonymous."""

    def make(user=None, *scopes: str) -> ApiClient:
        return ApiClient(token(user, *scopes) if user is not None else None)

    return make


@pytest.fixture
def stored_files(media_dir):
    """Every file under MEDIA_ROOT, relative to it."""

    def files() -> list[str]:
        root = Path(media_dir)
        return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())

    return files
