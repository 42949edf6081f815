"""Search tests: photos uploaded through the real service (small real JPEGs)."""

import pytest
from django.db import connection

from photos.samples import sample_jpeg
from tests.api.conftest import api, token  # noqa: F401 — fixtures shared with the API tests

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="German stemming is PostgreSQL's (snowball)"
)


@pytest.fixture
def shoot(upload):
    """shoot(owner, title, **fields) -> Photo, a small real JPEG through photo_upload."""
    seeds = iter(range(1, 10_000))

    def make(owner, title: str = "", **fields):
        data = sample_jpeg(96, 64, seed=next(seeds))
        return upload(owner, data, title=title, **fields)

    return make
