"""One action withdraws consent for a photo, an album or the whole account (web and API),
and every licensee of an earlier release holding the photos gets a deletion notice."""

from accounts.services import token_create
from consent.models import DeletionNotice
from consent.selectors.consent import consent_effective_for
from photos.services import album_create, album_set_photos
from tests.api.conftest import ApiClient
from tests.consent.releases_support import (  # noqa: F401
    PURPOSE,
    admin,
    consenting,
    dataset,
    download,
    licensee_with,
    published,
)


def _delivered(admin, dataset, consenting, count=3):
    photos = [consenting() for _ in range(count)]
    release = published(admin, dataset)
    lab, _ = licensee_with(admin, dataset, "Lab One")
    download(lab, release)
    return photos


def test_withdrawing_an_album_on_the_web_refuses_its_photos_and_notifies_licensees(
    client, alice, admin, dataset, consenting, django_capture_on_commit_callbacks
):
    photos = _delivered(admin, dataset, consenting)
    album = album_create(owner=alice, title="Street")
    album_set_photos(actor=alice, album=album, photo_ids=[photos[0].pk, photos[1].pk])
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/settings/consent/withdraw/", {"scope": "album", "album": str(album.pk)}
        )
    assert response.status_code == 302 and response.url == "/consent/withdrawals/"
    assert not consent_effective_for(photos[0], PURPOSE).allowed
    assert consent_effective_for(photos[2], PURPOSE).allowed
    notice = DeletionNotice.objects.get()
    assert sorted(notice.items.values_list("photo_ref", flat=True)) == sorted(
        [photos[0].pk, photos[1].pk]
    )
    status = client.get("/consent/withdrawals/").content.decode()
    assert "Lab One" in status


def test_withdrawing_the_whole_account_through_the_api(
    alice, admin, dataset, consenting, django_capture_on_commit_callbacks
):
    photos = _delivered(admin, dataset, consenting, count=2)
    _, secret = token_create(user=alice, name="cli", scopes=["read", "write"])
    with django_capture_on_commit_callbacks(execute=True):
        response = ApiClient(secret).post("/me/consent/withdrawals", {"scope": "account"})
    assert response.status_code == 201
    assert sorted(response.json()["photo_ids"]) == sorted(p.pk for p in photos)
    assert DeletionNotice.objects.count() == 1
    assert all(not consent_effective_for(p, PURPOSE).allowed for p in photos)


def test_withdrawing_someone_elses_photo_or_album_is_refused_and_changes_nothing(
    client, alice, bob, consenting
):
    photo = consenting()
    album = album_create(owner=alice, title="Mine")
    client.force_login(bob)
    refused = client.post("/settings/consent/withdraw/", {"scope": "photo", "photo": photo.pk})
    assert refused.status_code == 400 and "one of your photos" in refused.content.decode()
    _, secret = token_create(user=bob, name="cli", scopes=["read", "write"])
    api = ApiClient(secret)
    assert (
        api.post("/me/consent/withdrawals", {"scope": "photo", "id": photo.pk}).status_code == 404
    )
    assert (
        api.post("/me/consent/withdrawals", {"scope": "album", "id": album.pk}).status_code == 404
    )
    assert api.post("/me/consent/withdrawals", {"scope": "planet"}).status_code == 422
    assert consent_effective_for(photo, PURPOSE).allowed


def test_withdrawing_an_album_covers_its_photos_removed_by_moderation(
    client, alice, admin, dataset, consenting, decide, report
):
    photos = _delivered(admin, dataset, consenting, count=2)
    album = album_create(owner=alice, title="Street")
    album_set_photos(actor=alice, album=album, photo_ids=[p.pk for p in photos])
    decide(report(photos[1]).case)  # removed by moderation after the release
    client.force_login(alice)
    response = client.post(
        "/settings/consent/withdraw/", {"scope": "album", "album": str(album.pk)}
    )
    assert response.status_code == 302
    assert not consent_effective_for(photos[0], PURPOSE).allowed
    assert not consent_effective_for(photos[1], PURPOSE).allowed
