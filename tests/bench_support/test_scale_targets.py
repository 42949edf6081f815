"""bench/scale.py times a deep explore page as a member reaches it: by "Older" links, at
the keyset URL they lead to (an old `?page=N` link that deep only redirects)."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test import Client

from bench.scale import deep_page
from bench.scaledata import grow
from photos.selectors import explore_photos
from web.keyset_pagination import PER_PAGE

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="bench/scaledata is PostgreSQL's"),
]


def _photo_ids(page_html: str) -> list[int]:
    return list(dict.fromkeys(int(pk) for pk in re.findall(r'href="/photos/(\d+)/[?"]', page_html)))


def test_the_deep_page_is_the_explore_page_that_many_older_links_on():
    grow(photos=300, vacuum=False)
    client = Client()
    url = deep_page(client, "/explore/", 4)
    response = client.get(url, secure=True)
    assert response.status_code == 200
    assert url.startswith("/explore/?cursor=")
    expected = list(explore_photos(AnonymousUser()).values_list("pk", flat=True))
    assert _photo_ids(response.content.decode()) == expected[3 * PER_PAGE : 4 * PER_PAGE]


def test_a_list_too_short_for_the_deep_page_is_a_clear_error():
    grow(photos=300, vacuum=False)
    with pytest.raises(ValueError, match="no older page"):
        deep_page(Client(), "/explore/", 20)
