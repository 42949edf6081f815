"""Settings → Move in: the no-JS form with several zips, the resumable part uploads
(offsets, a retried part, a dropped connection), the progress and the summary page."""

import json

import pytest
from django.urls import reverse

from photos.models import Photo
from rights.models import ImportRun, ImportUpload
from rights.services.movein_uploads import staged_path
from tests.movein.flickr_export import NSID

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def anna(make_user):
    return make_user("anna")


def test_the_no_js_form_takes_several_zips_and_the_page_shows_the_summary(flickr, anna, client):
    client.force_login(anna)
    files = [open(path, "rb") for path in flickr.paths]  # noqa: SIM115
    try:
        response = client.post(reverse("move_in"), {"zips": files})
    finally:
        for file in files:
            file.close()
    assert response.status_code == 302, response.content.decode()[-3000:]
    assert Photo.objects.filter(owner=anna).count() == 5
    page = client.get(reverse("move_in")).content.decode()
    assert "Finished: 5 photos imported." in page
    assert "The export holds no image file for it." in page
    assert "Bob B." in page and "Lighthouse" in page
    german = client.get(reverse("move_in"), HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Umzug" in german


def test_a_zip_that_is_not_a_flickr_export_is_refused_with_a_clear_message(anna, client, tmp_path):
    import zipfile

    other = tmp_path / "holiday.zip"
    with zipfile.ZipFile(other, "w") as zf:
        zf.writestr("notes.txt", "hello")
    client.force_login(anna)
    with open(other, "rb") as file:
        response = client.post(reverse("move_in"), {"zips": [file]})
    assert response.status_code == 400
    assert "is not part of a Flickr export" in response.content.decode()
    assert not ImportRun.objects.exists()


def put(client, url, data: bytes, offset: int):
    return client.put(
        url, data, content_type="application/octet-stream", headers={"Upload-Offset": str(offset)}
    )


def test_parts_resume_after_a_dropped_connection_and_the_move_in_starts(
    flickr, anna, client, settings
):
    settings.CANDID_MOVEIN_CHUNK_BYTES = 4096
    client.force_login(anna)
    tokens = []
    for path in flickr.paths:
        data = path.read_bytes()
        begun = client.post(
            reverse("move_in_uploads"),
            json.dumps({"name": path.name, "size": len(data)}),
            content_type="application/json",
        ).json()
        url, offset = begun["url"], 0
        first = data[:4096]
        assert put(client, url, first, 0).json()["received"] == len(first)
        # The answer was lost: the browser sends the same part again and is told where to go on.
        retried = put(client, url, first, 0)
        assert retried.status_code == 409 and retried.json()["received"] == len(first)
        offset = client.get(url).json()["received"]
        while offset < len(data):
            offset = put(client, url, data[offset : offset + 4096], offset).json()["received"]
        tokens.append(begun["token"])
        staged = staged_path(ImportUpload.objects.get(token=begun["token"]))
        assert staged.read_bytes() == data  # nothing appended twice
    response = client.post(
        reverse("move_in_start"), json.dumps({"tokens": tokens}), content_type="application/json"
    )
    assert response.status_code == 201
    assert Photo.objects.filter(owner=anna).count() == 5
    assert not ImportUpload.objects.exists() and not staged.exists()
    assert ImportRun.objects.get().state == "completed"
    assert Photo.objects.filter(owner=anna, origin__account_ref=NSID).count() == 5


def test_a_part_over_the_limit_or_an_unfinished_file_is_refused(anna, client, settings):
    settings.CANDID_MOVEIN_CHUNK_BYTES = 10
    client.force_login(anna)
    begun = client.post(
        reverse("move_in_uploads"),
        json.dumps({"name": "x_part1.zip", "size": 100}),
        content_type="application/json",
    ).json()
    assert put(client, begun["url"], b"x" * 11, 0).status_code == 400
    response = client.post(
        reverse("move_in_start"),
        json.dumps({"tokens": [begun["token"]]}),
        content_type="application/json",
    )
    assert response.status_code == 400 and "not completely uploaded" in response.json()["error"]
    other = client.post(
        reverse("move_in_uploads"),
        json.dumps({"name": "notes.txt", "size": 5}),
        content_type="application/json",
    )
    assert other.status_code == 400


def test_the_page_shows_progress_while_the_import_runs(flickr, anna, client):
    run = ImportRun.objects.create(
        user=anna,
        source="flickr",
        archive="x",
        archives=["x"],
        state="running",
        started_at="2026-01-01T00:00:00Z",
        done=3,
        total=8,
    )
    client.force_login(anna)
    page = client.get(reverse("move_in")).content.decode()
    assert "3 of 8 items done." in page and 'max="8" value="3"' in page
    assert "move-in-form" not in page  # no upload while one runs: the page refreshes
    assert run.pk


def test_imported_comments_show_read_only_on_the_photo_page(flickr, anna, client):
    from django.core.management import call_command

    call_command("import_flickr", "anna", *map(str, flickr.paths))
    harbour = Photo.objects.get(origin__external_id=str(flickr.ids["harbour"]))
    page = client.get(reverse("photo", args=[harbour.pk])).content.decode()
    assert "Earlier comments" in page and "Lovely light!" in page and "bob_b" in page
