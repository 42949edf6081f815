"""Photos: list, filters, pagination, detail shape, upload, edit, delete."""

from core.models import Event
from photos.models import Photo
from photos.rendition_keys import rendition_key
from photos.samples import sample_jpeg


def test_photo_list_shows_public_photos_newest_first(alice, bob, api, upload):
    first = upload(alice, title="First")
    second = upload(bob, title="Second")
    response = api().get("/photos")
    assert response.status_code == 200
    body = response.json()
    assert [item["id"] for item in body["items"]] == [second.pk, first.pk]
    assert body["next"] is None


def test_photo_list_pages_with_limit_and_offset(alice, api, upload):
    photos = [upload(alice, title=f"P{i}") for i in range(3)]
    page = api().get("/photos", limit=2).json()
    assert [item["id"] for item in page["items"]] == [photos[2].pk, photos[1].pk]
    assert page["next"].startswith("http://testserver/api/v1/photos?")
    assert f"cursor={page['next_cursor']}".replace(":", "%3A") in page["next"]
    assert "limit=2" in page["next"] and "offset" not in page["next"]
    rest = api().get("/photos", limit=2, offset=2).json()
    assert [item["id"] for item in rest["items"]] == [photos[0].pk]
    assert rest["next"] is None
    by_cursor = api().get("/photos", limit=2, cursor=page["next_cursor"]).json()
    assert by_cursor["items"] == rest["items"] and by_cursor["next"] is None


def test_photo_list_filters_by_user_tag_and_words(alice, bob, api, upload):
    harbour = upload(alice, title="Harbour at dawn", tags="sea boats")
    upload(alice, title="Forest", tags="trees")
    upload(bob, title="Harbour wall", tags="sea")

    def ids(**params):
        return [item["id"] for item in api().get("/photos", **params).json()["items"]]

    assert len(ids(user="alice")) == 2
    assert len(ids(tag="sea")) == 2
    assert ids(user="alice", tag="sea") == [harbour.pk]
    assert len(api().get("/photos", user="alice", tag="sea", q="dawn").json()["items"]) == 1
    assert ids(user="bob", q="dawn") == [] and len(ids(q="   ")) == 3  # blank: no filter
    assert ids(q="dawn") == [harbour.pk]
    assert len(ids(q="harbour")) == 2
    assert ids(q="boats") == [harbour.pk]
    assert ids(tag="#Boats") == [harbour.pk]


def test_photo_list_for_unknown_user_answers_404(db, api):
    response = api().get("/photos", user="nobody")
    assert response.status_code == 404
    assert "nobody" in response.json()["detail"]


def test_photo_detail_has_the_documented_shape(alice, api, upload, jpeg):
    photo = upload(
        alice, data=jpeg, title="Berlin", description="TV tower", tags="city tv", licence="cc-by-sa"
    )
    body = api().get(f"/photos/{photo.pk}").json()
    assert body["id"] == photo.pk
    assert body["owner"] == {"username": "alice", "display_name": "Alice Example"}
    assert body["tags"] == ["city", "tv"]
    assert body["licence"] == {
        "code": "cc-by-sa",
        "name": "Creative Commons Attribution-ShareAlike 4.0",
        "url": "https://creativecommons.org/licenses/by-sa/4.0/",
    }
    assert (body["width"], body["height"]) == (640, 480)
    assert body["camera"]["model"] == photo.camera["model"]
    assert body["taken_at"].startswith("2026-05-17T09:30:00")
    assert body["page_url"] == f"http://testserver/photos/{photo.pk}/"
    assert set(body["renditions"]) == {"small", "tile", "medium", "large"}
    small = body["renditions"]["small"]
    assert small["url"] == f"http://testserver/r/{photo.pk}/{rendition_key(photo)}/small.jpg"
    assert max(small["width"], small["height"]) == 320
    assert body["favourite_count"] == 0 and body["favourited"] is False


def test_owner_only_fields_are_null_for_others(alice, bob, api, upload):
    photo = upload(alice)
    theirs = api(bob).get(f"/photos/{photo.pk}").json()
    assert theirs["original_url"] is None
    assert theirs["sha256"] is None and theirs["pdq_hash"] is None
    mine = api(alice).get(f"/photos/{photo.pk}").json()
    assert mine["original_url"] == f"http://testserver/photos/{photo.pk}/original"
    assert mine["sha256"] == photo.sha256 and mine["pdq_hash"] == photo.pdq_hash


def test_location_is_shown_only_when_the_owner_allows_it(alice, bob, api, upload, jpeg):
    hidden = upload(alice, data=jpeg)
    shown = upload(alice, data=jpeg, show_location=True)
    assert api(bob).get(f"/photos/{hidden.pk}").json()["location"] is None
    assert api(alice).get(f"/photos/{hidden.pk}").json()["location"] is None
    location = api(bob).get(f"/photos/{shown.pk}").json()["location"]
    assert round(location["latitude"], 2) == 52.52
    assert round(location["longitude"], 3) == 13.405


def test_upload_answers_201_with_photo_json(alice, api, uploaded_file, client):
    response = api(alice).upload(
        {
            "file": uploaded_file(),
            "title": "Tower",
            "description": "Seen from the park",
            "tags": "berlin, tower",
            "licence": "cc0",
            "visibility": "followers",
            "show_location": "true",
        }
    )
    assert response.status_code == 201, response.content
    body = response.json()
    photo = Photo.objects.get(pk=body["id"])
    assert (photo.owner, photo.title, photo.licence) == (alice, "Tower", "cc0")
    assert (photo.visibility, photo.show_location) == ("followers", True)
    assert body["tags"] == ["berlin", "tower"]
    assert body["page_url"].endswith(f"/photos/{photo.pk}/")
    assert body["location"] is not None
    assert Event.objects.filter(kind="photo.uploaded", subject_id=photo.pk).exists()
    client.force_login(alice)
    rendition = client.get(body["renditions"]["medium"]["url"])
    assert rendition.status_code == 200 and rendition["Content-Type"] == "image/jpeg"


def test_upload_with_defaults_is_public_and_all_rights_reserved(alice, api, uploaded_file):
    response = api(alice).upload({"file": uploaded_file()})
    assert response.status_code == 201
    body = response.json()
    assert (body["visibility"], body["licence"]["code"]) == ("public", "arr")
    assert body["licence"]["url"] is None and body["show_location"] is False


def test_upload_without_file_answers_422(alice, api):
    response = api(alice).upload({"title": "No file"})
    assert response.status_code == 422
    assert "file: Field required" in response.json()["detail"]
    assert not Photo.objects.exists()


def test_upload_with_unknown_licence_is_refused(alice, api, uploaded_file, stored_files):
    response = api(alice).upload({"file": uploaded_file(), "licence": "gpl"})
    assert response.status_code == 422
    assert "licence" in response.json()["detail"]
    assert not Photo.objects.exists() and stored_files() == []


def test_patch_changes_only_the_fields_sent(alice, api, upload):
    photo = upload(alice, title="Old", description="Kept", tags="one two", licence="cc-by")
    response = api(alice).patch(f"/photos/{photo.pk}", {"title": "New", "visibility": "private"})
    assert response.status_code == 200
    body = response.json()
    assert (body["title"], body["description"], body["visibility"]) == ("New", "Kept", "private")
    assert body["tags"] == ["one", "two"] and body["licence"]["code"] == "cc-by"
    photo.refresh_from_db()
    assert (photo.title, photo.visibility) == ("New", "private")
    assert Event.objects.filter(kind="photo.updated", subject_id=photo.pk).count() == 1


def test_patch_sets_tags_from_a_list(alice, api, upload):
    photo = upload(alice, tags="old")
    body = api(alice).patch(f"/photos/{photo.pk}", {"tags": ["Night", "#city"]}).json()
    assert body["tags"] == ["city", "night"]


def test_patch_turning_location_on_rebuilds_renditions(alice, api, upload, jpeg):
    photo = upload(alice, data=jpeg)
    before = rendition_key(photo)
    body = api(alice).patch(f"/photos/{photo.pk}", {"show_location": True}).json()
    assert body["location"] is not None
    photo.refresh_from_db()
    assert photo.rendition_version == 2 and rendition_key(photo) != before
    assert body["renditions"]["small"]["url"].endswith(f"/{rendition_key(photo)}/small.jpg")


def test_patch_with_invalid_values_changes_nothing(alice, api, upload):
    photo = upload(alice, title="Same", licence="cc-by")
    for bad in (
        {"licence": "gpl"},
        {"title": None},
        {"title": "x" * 201},
        {"visibility": "everyone"},
        {"tags": [f"t{i}" for i in range(21)]},
    ):
        response = api(alice).patch(f"/photos/{photo.pk}", bad)
        assert 400 <= response.status_code < 500, bad
        assert isinstance(response.json()["detail"], str)
    photo.refresh_from_db()
    assert (photo.title, photo.licence, photo.visibility) == ("Same", "cc-by", "public")
    assert photo.tags.count() == 0
    assert not Event.objects.filter(kind="photo.updated").exists()


def test_delete_removes_photo_and_files(
    alice, api, upload, stored_files, django_capture_on_commit_callbacks
):
    photo = upload(alice)
    assert stored_files()
    with django_capture_on_commit_callbacks(execute=True):
        response = api(alice).delete(f"/photos/{photo.pk}")
    assert response.status_code == 204
    assert not Photo.objects.filter(pk=photo.pk).exists()
    assert stored_files() == []
    assert Event.objects.filter(kind="photo.deleted", subject_id=photo.pk).exists()


def test_missing_photo_answers_404(db, api):
    response = api().get("/photos/999999")
    assert response.status_code == 404
    assert response.json()["detail"] == "No such photo."


def test_photo_list_costs_a_fixed_number_of_queries(
    alice, api, upload, django_assert_max_num_queries
):
    for seed in range(6):
        upload(alice, data=sample_jpeg(64, 48, seed=seed), tags=f"t{seed} common")
    client = api(alice, "read")
    with django_assert_max_num_queries(6):
        response = client.get("/photos")
    assert len(response.json()["items"]) == 6
