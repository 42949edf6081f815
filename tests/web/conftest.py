"""Fixtures for the web UI tests: quick real photos and a logged-in client."""

import pytest

from photos.samples import sample_jpeg
from tests.web.moderation_support import removed  # noqa: F401


@pytest.fixture
def small_jpeg():
    def make(seed: int = 1, gps=None) -> bytes:
        return sample_jpeg(160, 120, seed=seed, gps=gps)

    return make


@pytest.fixture
def many_photos(upload, small_jpeg):
    """many_photos(owner, n, **fields) -> list of Photos uploaded through the real service."""

    def make(owner, n: int, **fields):
        return [
            upload(owner, small_jpeg(seed=owner.pk * 1000 + i), title=f"Photo {i}", **fields)
            for i in range(n)
        ]

    return make


@pytest.fixture
def as_user(client):
    def login(user):
        client.force_login(user)
        return client

    return login


def media_files(root) -> list:
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []
