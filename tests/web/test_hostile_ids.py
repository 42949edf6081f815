"""Hostile input on web URLs answers a clear 4xx and changes nothing: ids too long for a
64-bit key match no URL (core.converters), a link that is not a URL is refused by the
report form. And renditions are never served stale from a cache: every use revalidates."""

import pytest
from django.urls import URLResolver, get_resolver, resolve, reverse

from consent.services.consent import consent_set
from core.models import Event
from moderation.models import Notice
from photos.services import photo_update
from social.models import Favourite
from social.services import favourite_add
from tests.moderation_fixtures import staff_login

HUGE = "99999999999999999999"  # 20 digits: more than a 64-bit key holds


def url_patterns(resolver=None, prefix: str = ""):
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            yield from url_patterns(pattern, prefix + str(pattern.pattern))
        else:
            yield prefix + str(pattern.pattern)


def test_no_web_url_takes_an_unbounded_integer():
    assert [p for p in url_patterns() if "<int:" in p] == []


def test_an_id_of_18_digits_still_resolves_and_reverses():
    largest = 10**18 - 1
    assert resolve(f"/photos/{largest}/").kwargs == {"photo_id": largest}
    assert reverse("photo", args=[largest]) == f"/photos/{largest}/"


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("get", f"/moderation/decisions/{HUGE}/evidence.jpg"),
        ("post", f"/photos/{HUGE}/unfavourite/"),
        ("post", f"/photos/{HUGE}/favourite/"),
        ("get", f"/settings/apps/{HUGE}/log/"),
        ("post", f"/settings/apps/{HUGE}/revoke/"),
        ("post", f"/settings/data/erasure/{HUGE}/cancel/"),
        ("get", f"/r/{HUGE}/small.jpg"),
    ],
)
def test_a_huge_id_answers_404_and_changes_nothing(client, alice, bob, photo, method, url):
    favourite_add(user=alice, photo_id=photo.pk)
    events = Event.objects.count()
    client.force_login(alice)
    assert getattr(client, method)(url).status_code == 404
    assert Event.objects.count() == events
    assert list(Favourite.objects.values_list("user_id", "photo_id")) == [(alice.pk, photo.pk)]


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_huge_depicted_request_id_answers_404_to_a_moderator(client, mod, method):
    staff_login(client, mod)
    events = Event.objects.count()
    assert getattr(client, method)(f"/dataset-check/requests/{HUGE}/").status_code == 404
    assert Event.objects.count() == events


def test_a_report_link_that_is_not_a_url_is_refused_and_stores_nothing(client, photo):
    data = {
        "url": "http://[::1",
        "ground": "rules",
        "rule": "harassment",
        "explanation": "The caption mocks my neighbour by name.",
        "name": "Eve Example",
        "email": "eve@example.org",
    }
    response = client.post("/report/", data)
    assert response.status_code == 400
    assert "That link does not point to Candid." in response.content.decode()
    assert not Notice.objects.exists()


def rendition(client, photo, **headers):
    return client.get(reverse("rendition", args=[photo.pk, "small"]), headers=headers)


def test_a_public_rendition_may_be_cached_only_if_revalidated(client, photo):
    response = rendition(client, photo)
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, no-cache"
    again = rendition(client, photo, if_none_match=response["ETag"])
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == response["ETag"]


def test_a_consent_change_changes_the_etag_so_caches_fetch_the_new_file(client, alice, photo):
    before = rendition(client, photo)
    consent_set(user=alice, purpose="ai_training", allowed=True)
    after = rendition(client, photo, if_none_match=before["ETag"])
    assert after.status_code == 200 and after["ETag"] != before["ETag"]
    assert after.content != before.content  # the XMP in the file carries the consent


def test_a_photo_made_private_is_no_longer_served_on_revalidation(client, alice, photo):
    cached = rendition(client, photo)
    photo_update(
        actor=alice,
        photo=photo,
        title=photo.title,
        description=photo.description,
        tags=[],
        licence=photo.licence,
        visibility="private",
        show_location=photo.show_location,
    )
    assert rendition(client, photo, if_none_match=cached["ETag"]).status_code == 404
    client.force_login(alice)
    own = rendition(client, photo, if_none_match=cached["ETag"])
    assert own.status_code == 200 and own["Cache-Control"] == "private, no-cache"


def test_an_unknown_depicted_request_is_not_found_for_staff(client, mod):
    staff_login(client, mod)
    assert client.get("/dataset-check/requests/4242/").status_code == 404
