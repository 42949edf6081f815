from core.models import Event
from photos.models import Photo, Visibility
from photos.samples import sample_jpeg
from tests.web.conftest import media_files


def fields(**overrides):
    return {
        "title": "Morning",
        "description": "Fog over the river",
        "tags": "fog, river",
        "licence": "cc-by",
        "visibility": "public",
        **overrides,
    }


def test_uploading_one_photo_stores_it_and_opens_its_page(client, alice, uploaded_file):
    client.force_login(alice)
    response = client.post("/upload/", {**fields(), "files": uploaded_file()})
    photo = Photo.objects.get()
    assert response.status_code == 302 and response.url == f"/photos/{photo.pk}/"
    assert (photo.owner, photo.title, photo.licence) == (alice, "Morning", "cc-by")
    assert sorted(photo.tags.values_list("name", flat=True)) == ["fog", "river"]
    assert photo.renditions.count() == 4
    assert photo.show_location is False
    assert Event.objects.filter(kind="photo.uploaded", subject_id=photo.pk).exists()


def test_uploading_many_photos_in_one_form(client, alice, uploaded_file):
    client.force_login(alice)
    files = [uploaded_file(sample_jpeg(200, 150, seed=i), name=f"p{i}.jpg") for i in range(3)]
    response = client.post("/upload/", {**fields(visibility="followers"), "files": files})
    photos = Photo.objects.filter(owner=alice, visibility=Visibility.FOLLOWERS).order_by("id")
    assert len(photos) == 3
    ids = ",".join(str(photo.pk) for photo in photos)
    assert response.status_code == 302 and response.url == f"/upload/describe/?photos={ids}"


def test_a_refused_file_is_named_with_its_reason_and_the_good_ones_still_land(
    client, alice, uploaded_file
):
    client.force_login(alice)
    files = [uploaded_file(name="good.jpg"), uploaded_file(b"GIF89a not really", name="bad.gif")]
    response = client.post("/upload/", {**fields(), "files": files})
    page = response.content.decode()
    assert response.status_code == 400
    assert "<strong>bad.gif</strong>: This file is not an image." in page
    assert "good.jpg</a>: uploaded." in page
    assert Photo.objects.count() == 1


def test_a_refused_upload_stores_no_row_and_no_file(client, alice, uploaded_file, jpeg, media_dir):
    client.force_login(alice)
    truncated = uploaded_file(jpeg[: len(jpeg) // 2], name="cut.jpg")
    response = client.post("/upload/", {**fields(), "files": truncated})
    assert response.status_code == 400
    assert "This image is damaged or incomplete" in response.content.decode()
    assert not Photo.objects.exists()
    assert media_files(media_dir) == []
    assert not Event.objects.filter(kind="photo.uploaded").exists()


def test_an_oversized_upload_is_refused_with_the_limit(
    client, alice, uploaded_file, settings, media_dir
):
    settings.CANDID_MAX_UPLOAD_BYTES = 10_000
    client.force_login(alice)
    response = client.post("/upload/", {**fields(), "files": uploaded_file()})
    assert response.status_code == 413
    assert "The file is larger than the 10 KB limit." in response.content.decode()
    assert not Photo.objects.exists()
    assert media_files(media_dir) == []


def test_malformed_upload_form_shows_errors_and_stores_nothing(
    client, alice, uploaded_file, media_dir
):
    client.force_login(alice)
    response = client.post("/upload/", {**fields(licence="all-mine"), "files": uploaded_file()})
    assert response.status_code == 400
    assert "Select a valid choice. all-mine is not one of the available choices." in (
        response.content.decode()
    )
    no_file = client.post("/upload/", fields())
    assert no_file.status_code == 400
    assert "Choose at least one photo to upload." in no_file.content.decode()
    no_visibility = client.post(
        "/upload/", {**fields(), "visibility": "", "files": uploaded_file()}
    )
    assert no_visibility.status_code == 400
    assert not Photo.objects.exists()
    assert media_files(media_dir) == []


def test_upload_needs_a_login(client, db, uploaded_file):
    response = client.post("/upload/", {**fields(), "files": uploaded_file()})
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")
    assert not Photo.objects.exists()


def test_upload_form_has_a_label_for_every_field(client, alice):
    client.force_login(alice)
    page = client.get("/upload/").content.decode()
    for name in ["files", "title", "description", "tags", "licence", "visibility", "show_location"]:
        assert f'for="id_{name}"' in page, name
    assert "multiple" in page.split('id="id_files"')[0].rsplit("<input", 1)[1]


def test_a_file_name_with_a_path_trick_is_refused_and_stores_nothing(client, alice, media_dir):
    """Django's parser strips folders from names; the view keeps the name as sent."""
    client.force_login(alice)
    boundary = "candid-web-boundary"
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode()
        for key, value in fields().items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="files"; '
        f'filename="../../etc/passwd.jpg"\r\nContent-Type: image/jpeg\r\n\r\n'.encode()
        + sample_jpeg(64, 48)
        + b"\r\n"
    )
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    response = client.generic(
        "POST", "/upload/", body, content_type=f"multipart/form-data; boundary={boundary}"
    )
    assert response.status_code == 400
    assert "file name is not acceptable" in response.content.decode()
    assert Photo.objects.count() == 0 and media_files(media_dir) == []
