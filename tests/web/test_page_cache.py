"""Anonymous public pages are cached, and any write makes the next view fresh."""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext


def test_anonymous_explore_is_served_from_cache_until_content_changes(
    alice, upload, django_capture_on_commit_callbacks
):
    client = Client()
    upload(alice, title="First light")
    first = client.get("/explore/")
    with CaptureQueriesContext(connection) as queries:
        again = client.get("/explore/")
    assert again.content == first.content and len(queries) == 0
    with django_capture_on_commit_callbacks(execute=True):
        upload(alice, title="Second light")
    assert b"Second light" in client.get("/explore/").content


def test_signed_in_pages_are_not_cached(alice, bob, upload):
    photo = upload(alice, title="Harbour")
    client = Client()
    client.force_login(bob)
    client.get(f"/photos/{photo.pk}/")
    with CaptureQueriesContext(connection) as queries:
        client.get(f"/photos/{photo.pk}/")
    # Rendered afresh: the viewer's own favourite is read (the photo row itself is shared
    # under the content version, web/photo_parts.py).
    assert any('FROM "social_favourite"' in q["sql"] for q in queries)


def test_private_photo_page_is_never_served_from_another_viewers_cache(alice, upload):
    photo = upload(alice, title="Secret", visibility="private")
    owner = Client()
    owner.force_login(alice)
    assert owner.get(f"/photos/{photo.pk}/").status_code == 200
    assert Client().get(f"/photos/{photo.pk}/").status_code == 404
