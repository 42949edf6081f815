"""Renditions a CDN can serve: public ones at versioned URLs cached for a year, private ones
revalidated, 304s from the ETag kept on the rendition row without opening the file, and
an old URL that stops working the moment a photo's audience, consent or renditions change."""

import hashlib
from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from consent.services.consent import consent_set, consent_withdraw
from consent.services.depicted import depicted_request_decide, depicted_request_submit
from photos.models import Photo, Rendition
from photos.rendition_keys import rendition_key
from photos.selectors import photos_visible_to, rendition_public
from photos.services import photo_update
from social.services import follow_create
from tests.web.moderation_support import WITHHOLD_DE
from web.middleware_renditions import VERSIONED

IMMUTABLE = "public, max-age=31536000, immutable"
FR = {"HTTP_X_COUNTRY_CODE": "FR"}


def url(photo, size: str = "small") -> str:
    photo.refresh_from_db()
    return f"/r/{photo.pk}/{rendition_key(photo)}/{size}.jpg"


def edit(photo, **changes) -> None:
    fields = dict(
        title=photo.title,
        description=photo.description,
        tags=[],
        licence=photo.licence,
        visibility=photo.visibility,
        show_location=photo.show_location,
    )
    photo_update(actor=photo.owner, photo=photo, **{**fields, **changes})


def test_the_photo_page_links_the_versioned_url(client, photo):
    page = client.get(f"/photos/{photo.pk}/").content.decode()
    assert f'src="{url(photo, "large")}"' in page


def test_a_public_rendition_is_immutable_for_a_year_and_does_not_vary_by_cookie(client, photo, bob):
    client.force_login(bob)  # a signed-in viewer gets the same cacheable answer
    response = client.get(url(photo))
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert response["Cache-Control"] == IMMUTABLE
    assert response["ETag"].startswith('"')
    assert "Cookie" not in response.get("Vary", "")
    assert response["tdm-reservation"] == "1"  # consent signals as on the live URL


@pytest.mark.parametrize("visibility", ["private", "followers"])
def test_a_restricted_rendition_is_private_and_revalidated(client, alice, bob, photo, visibility):
    follow_create(follower=bob, followee=alice)  # before the photo is followers-only
    edit(photo, visibility=visibility)
    client.force_login(bob if visibility == "followers" else alice)
    response = client.get(url(photo))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-cache"


def test_a_rendition_withheld_somewhere_is_private_everywhere(client, photo, report, decide):
    decide(report(photo).case, **WITHHOLD_DE)
    response = client.get(url(photo), **FR)
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-cache"
    assert client.get(url(photo), HTTP_X_COUNTRY_CODE="DE").status_code == 451


def test_the_etag_is_the_digest_stored_when_the_rendition_was_made(client, photo):
    stored = Rendition.objects.get(photo=photo, size="small")
    with default_storage.open(stored.file, "rb") as handle:
        assert stored.etag == hashlib.sha256(handle.read()).hexdigest()[:32]
    assert stored.etag in client.get(url(photo))["ETag"]


@pytest.mark.parametrize("versioned", [True, False], ids=["versioned", "live"])
def test_a_conditional_request_is_answered_304_without_opening_the_file(client, photo, versioned):
    path = url(photo) if versioned else f"/r/{photo.pk}/small.jpg"
    first = client.get(path)
    default_storage.delete(Rendition.objects.get(photo=photo, size="small").file)
    again = client.get(path, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == first["ETag"]
    assert again["Cache-Control"] == first["Cache-Control"]


def test_a_public_304_costs_one_query_and_no_consent_lookup(client, photo):
    path = url(photo)
    first = client.get(path)
    with CaptureQueriesContext(connection) as queries:
        again = client.get(path, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304
    assert len(queries) == 1, [q["sql"] for q in queries]


def test_a_private_photo_answers_404_not_304_to_others(client, alice, bob, photo):
    edit(photo, visibility="private")
    client.force_login(alice)
    etag = client.get(url(photo))["ETag"]
    client.force_login(bob)
    assert client.get(url(photo), headers={"if-none-match": etag}).status_code == 404


def test_a_wrong_or_foreign_key_answers_404(client, alice, upload, photo):
    other = upload(alice)
    assert client.get(f"/r/{photo.pk}/0123456789abcdef/small.jpg").status_code == 404
    assert client.get(f"/r/{photo.pk}/{rendition_key(other)}/small.jpg").status_code == 404
    assert client.get(f"/r/{photo.pk}/{rendition_key(photo)}/huge.jpg").status_code == 404


def _private(photo, **_):
    edit(photo, visibility="private")


def _followers(photo, **_):
    edit(photo, visibility="followers")


def _removed(photo, report, decide, **_):
    decide(report(photo).case)


def _withheld(photo, report, decide, **_):
    decide(report(photo).case, **WITHHOLD_DE)


def _withdrawn(photo, **_):
    consent_withdraw(actor=photo.owner, photos=[photo])


def _account_consent(photo, **_):
    consent_set(user=photo.owner, purpose="ai_training", allowed=True)


def _location(photo, **_):
    edit(photo, show_location=True)


def _depicted(photo, mod, **_):
    request = depicted_request_submit(
        photo=photo, name="Dana", email="dana@example.org", relation="self", wants_removal=True
    )
    depicted_request_decide(actor=mod, request=request, approve=True, reasons="Clearly shown.")


@pytest.mark.parametrize(
    "change",
    [_private, _followers, _removed, _withheld, _withdrawn, _account_consent, _location, _depicted],
    ids=lambda change: change.__name__.strip("_"),
)
def test_the_old_public_url_stops_working_at_once(client, photo, report, decide, mod, change):
    old = url(photo)
    assert client.get(old).status_code == 200
    change(photo, report=report, decide=decide, mod=mod)
    assert url(photo) != old
    assert client.get(old, **FR).status_code == 404


def test_a_consent_change_is_served_at_a_new_url_with_the_new_signals(client, alice, photo):
    before = client.get(url(photo))
    for purpose in ("ai_training", "genai_training", "biometric", "research_datasets"):
        consent_set(user=alice, purpose=purpose, allowed=True)
    after = client.get(url(photo))
    assert (before["tdm-reservation"], after["tdm-reservation"]) == ("1", "0")
    assert after["Cache-Control"] == IMMUTABLE and after["ETag"] != before["ETag"]
    assert b"DMI-ALLOWED" in after.content and b"DMI-ALLOWED" not in before.content


def test_an_account_wide_consent_change_renames_every_photo_of_the_owner_only(
    alice, bob, upload, photo
):
    others = [upload(alice), upload(bob)]
    keys = {p.pk: rendition_key(p) for p in [photo, *others]}
    consent_set(user=alice, purpose="research_datasets", allowed=True)
    fresh = {p.pk: rendition_key(p) for p in Photo.objects.all()}
    assert fresh[photo.pk] != keys[photo.pk] and fresh[others[0].pk] != keys[others[0].pk]
    assert fresh[others[1].pk] == keys[others[1].pk]


@pytest.mark.parametrize(
    "photo_fields, owner_fields",
    [
        ({}, {}),
        ({"visibility": "followers"}, {}),
        ({"visibility": "private"}, {}),
        ({"removed_at": timezone.now()}, {}),
        ({}, {"suspended_until": timezone.now() + timedelta(days=3)}),
        ({}, {"suspended_until": timezone.now() - timedelta(days=3)}),
        ({}, {"terminated_at": timezone.now()}),
    ],
    ids=["public", "followers", "private", "removed", "suspended", "suspension-over", "terminated"],
)
def test_the_fast_public_lookup_agrees_with_the_visibility_selector(
    photo, photo_fields, owner_fields
):
    Photo.objects.filter(pk=photo.pk).update(**photo_fields)
    User.objects.filter(pk=photo.owner_id).update(**owner_fields)
    expected = photos_visible_to(None).filter(pk=photo.pk).exists()
    found = rendition_public(photo.pk, "small")
    assert (found is not None) == expected
    if found is not None:
        assert found.photo.owner_id == photo.owner_id and found.photo.title == photo.title


def test_the_early_revalidation_knows_the_versioned_url_pattern(photo):
    path = reverse("rendition_versioned", args=[photo.pk, rendition_key(photo), "small"])
    assert VERSIONED.fullmatch(path).groupdict() == {
        "photo_id": str(photo.pk),
        "key": rendition_key(photo),
        "size": "small",
    }


def test_an_owner_revalidating_a_private_rendition_gets_304_from_the_view(client, alice, photo):
    edit(photo, visibility="private")
    client.force_login(alice)
    first = client.get(url(photo))
    again = client.get(url(photo), headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304 and again["Cache-Control"] == "private, no-cache"
