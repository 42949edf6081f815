"""The photo count on profiles, a member's own uploads in their feed, and the marker only
the owner sees on a photo withheld in some countries."""

import re

from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from photos.samples import sample_jpeg
from photos.selectors import photo_count, photos_by
from tests.web.moderation_support import WITHHOLD_DE

FR = {"HTTP_X_COUNTRY_CODE": "FR"}


def stats(html: str) -> str:
    return re.sub(r"\s+", " ", re.search(r'<p class="stats">(.*?)</p>', html, re.S).group(1))


def test_the_profile_counts_the_photos_the_viewer_may_see(client, alice, bob, upload):
    for i, visibility in enumerate(["public", "public", "private", "followers"]):
        upload(alice, sample_jpeg(40, 30, seed=i), title=f"p{i}", visibility=visibility)
    upload(bob, sample_jpeg(40, 30, seed=9), title="bob's")
    assert "<strong>2</strong> photos" in stats(Client().get("/u/alice/").content.decode())
    client.force_login(alice)
    assert "<strong>4</strong> photos" in stats(client.get("/u/alice/").content.decode())
    assert "<strong>1</strong> photo<" in stats(Client().get("/u/bob/").content.decode())
    german = Client().get("/u/bob/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "<strong>1</strong> Foto<" in stats(german)


def test_the_count_reads_only_the_members_photos_through_their_index(alice, bob, upload):
    upload(alice, sample_jpeg(40, 30, seed=1), title="one")
    with CaptureQueriesContext(connection) as captured:
        assert photo_count(photos_by(alice, AnonymousUser())) == 1
    (query,) = captured
    assert f'"photos_photo"."owner_id" = {alice.pk}' in query["sql"]
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN QUERY PLAN " + query["sql"])
            plan = " ".join(str(row) for row in cursor.fetchall())
        assert re.search(r"photos_photo USING (COVERING )?INDEX \w*owner", plan), plan


def test_a_members_own_uploads_are_in_their_feed(client, alice, bob, upload):
    mine = upload(alice, sample_jpeg(40, 30, seed=1), title="mine", visibility="private")
    theirs = upload(bob, sample_jpeg(40, 30, seed=2), title="not followed")
    client.force_login(alice)
    html = client.get("/").content.decode()
    assert f'href="/photos/{mine.pk}/?in=feed"' in html
    assert f'href="/photos/{theirs.pk}/' not in html


def test_only_the_owner_sees_the_withheld_marker_with_its_countries(
    client, alice, bob, photo, report, decide
):
    decide(report(photo).case, **WITHHOLD_DE)
    client.force_login(alice)
    page = client.get(f"/photos/{photo.pk}/", **FR).content.decode()
    assert 'id="withheld-marker"' in page and "withheld in: DE." in page
    grid = client.get("/u/alice/", **FR).content.decode()
    assert "Withheld in DE" in grid
    german = client.get(f"/photos/{photo.pk}/", HTTP_ACCEPT_LANGUAGE="de", **FR)
    assert "in folgenden Ländern gesperrt: DE." in german.content.decode()
    client.force_login(bob)
    assert 'id="withheld-marker"' not in client.get(f"/photos/{photo.pk}/", **FR).content.decode()
    assert "Withheld in DE" not in client.get("/u/alice/", **FR).content.decode()
    assert 'id="withheld-marker"' not in Client().get(f"/photos/{photo.pk}/", **FR).content.decode()
