"""POST /api/v1/photos/bulk: the organiser through the API, with the web's rules."""

import pytest

from photos import bulk
from photos.models import AlbumPhoto, Photo
from photos.services import album_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def mine(alice, upload):
    return [upload(alice, title=f"Mine {i}") for i in range(3)]


def test_visibility_and_tags_for_many_photos(api, alice, mine):
    client = api(alice, "read", "write")
    ids = [p.pk for p in mine]
    answer = client.post(
        "/photos/bulk", {"action": "visibility", "photo_ids": ids, "visibility": "private"}
    )
    assert answer.status_code == 200
    assert answer.json() == {"action": "visibility", "count": 3, "queued": False}
    assert set(Photo.objects.values_list("visibility", flat=True)) == {"private"}
    tagged = client.post(
        "/photos/bulk", {"action": "tags_add", "photo_ids": ids[:1], "tags": ["fog", "river"]}
    )
    assert tagged.status_code == 200
    assert sorted(mine[0].tags.values_list("name", flat=True)) == ["fog", "river"]


def test_a_foreign_id_is_403_and_nothing_changes(api, alice, bob, mine, upload):
    theirs = upload(bob, title="Bob's")
    answer = api(alice, "read", "write").post(
        "/photos/bulk", {"action": "delete", "photo_ids": [mine[0].pk, theirs.pk]}
    )
    assert answer.status_code == 403
    assert "not yours" in answer.json()["detail"]
    assert Photo.objects.count() == 4


def test_a_missing_value_or_read_only_token_is_refused(api, alice, mine):
    ids = [mine[0].pk]
    missing = api(alice, "read", "write").post(
        "/photos/bulk", {"action": "licence", "photo_ids": ids}
    )
    assert missing.status_code == 400
    assert "needs `licence`" in missing.json()["detail"]
    read_only = api(alice, "read").post("/photos/bulk", {"action": "delete", "photo_ids": ids})
    assert read_only.status_code == 403
    assert Photo.objects.count() == 3


@pytest.mark.parametrize(
    "bad", [{"photo_ids": [-(2**70)]}, {"photo_ids": [0]}, {"album_id": 2**64}]
)
def test_an_id_out_of_range_is_a_clear_error_and_nothing_changes(api, alice, mine, bad):
    change = {"action": "album", "photo_ids": [mine[0].pk], "album_id": 1} | bad
    answer = api(alice, "read", "write").post("/photos/bulk", change)
    assert answer.status_code in (400, 422), answer.content
    assert not AlbumPhoto.objects.exists()


def test_album_add_and_a_large_batch_answers_202(
    api, alice, mine, monkeypatch, django_capture_on_commit_callbacks
):
    album = album_create(owner=alice, title="Trip")
    monkeypatch.setattr(bulk, "INLINE_LIMIT", 2)
    with django_capture_on_commit_callbacks(execute=True):
        answer = api(alice, "read", "write").post(
            "/photos/bulk",
            {"action": "album", "photo_ids": [p.pk for p in mine], "album_id": album.pk},
        )
    assert answer.status_code == 202 and answer.json()["queued"] is True
    assert AlbumPhoto.objects.filter(album=album).count() == 3


def test_an_api_upload_joins_an_album_and_takes_the_embedded_title(api, alice, bob):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.photos.titled_samples import jpeg_with_xmp_title

    album = album_create(owner=alice, title="Trip")
    client = api(alice, "read", "write")
    data = jpeg_with_xmp_title("Harbour at dusk")
    answer = client.upload(
        {
            "file": SimpleUploadedFile("DSC_1.jpg", data, "image/jpeg"),
            "title_from_file": "true",
            "album_id": str(album.pk),
        }
    )
    assert answer.status_code == 201, answer.content
    assert answer.json()["title"] == "Harbour at dusk"
    assert AlbumPhoto.objects.filter(album=album).count() == 1
    plain = client.upload({"file": SimpleUploadedFile("DSC_2.jpg", data, "image/jpeg")})
    assert plain.json()["title"] == ""  # without asking, as before
    theirs = album_create(owner=bob, title="Bob's")
    refused = client.upload(
        {"file": SimpleUploadedFile("x.jpg", data, "image/jpeg"), "album_id": str(theirs.pk)}
    )
    assert refused.status_code == 403
    assert Photo.objects.count() == 2
