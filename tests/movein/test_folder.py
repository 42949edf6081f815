"""Moving in a folder (or a zip) of photos with XMP sidecars or embedded XMP/IPTC, as
Lightroom, darktable and digiKam export them."""

import zipfile
from datetime import UTC, datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from photos.models import Photo
from rights.models import ImportProblem, ImportRun
from rights.movein import xmp
from tests.movein.photo_folder import LAUGHS, build_folder

pytestmark = pytest.mark.django_db(transaction=True)


def tags(photo: Photo) -> list[str]:
    return sorted(photo.tags.values_list("name", flat=True))


def test_licence_urls_map_to_candid_licences():
    assert xmp.licence_code("https://creativecommons.org/licenses/by-sa/4.0/deed.de") == "cc-by-sa"
    assert xmp.licence_code("http://creativecommons.org/licenses/by/4.0/legalcode") == "cc-by"
    assert xmp.licence_code("http://creativecommons.org/publicdomain/zero/1.0/") == "cc0"
    assert xmp.licence_code("https://creativecommons.org/licenses/by-nc/2.0/") == "cc-by-nc-2.0"
    assert xmp.licence_code("https://example.org/my-own-licence") is None


def test_a_packet_declaring_entities_is_not_parsed():
    facts = xmp.read_xmp(LAUGHS.encode())
    assert facts.unreadable and facts.title == ""


def test_a_folder_imports_through_the_command_with_its_xmp_and_iptc(tmp_path, make_user):
    make_user("anna")
    folder = build_folder(tmp_path / "export")
    out = StringIO()
    call_command("import_move_in", "anna", str(folder), stdout=out)

    run = ImportRun.objects.get()
    assert run.source == "folder" and run.state == "completed", run.error
    photos = {p.title or str(p.pk): p for p in Photo.objects.all()}
    harbour = photos["Harbour at dusk"]  # Lightroom sidecar photo.jpg.xmp
    assert harbour.description == "From the pier"
    assert tags(harbour) == ["hamburg", "ships"]
    assert harbour.licence == "cc-by-sa"
    assert harbour.taken_at == datetime(2019, 8, 10, 15, 45, 12, tzinfo=UTC)
    assert harbour.visibility == "private"
    moss = photos["Moss"]  # darktable sidecar photo.xmp in a subfolder
    assert tags(moss) == ["forest", "moss"] and moss.licence == "arr"
    assert moss.taken_at == datetime(2021, 7, 4, 18, 30, tzinfo=UTC)
    frost = photos["Frost"]  # embedded XMP
    assert frost.licence == "cc0" and tags(frost) == ["winter"]
    assert frost.taken_at == datetime(2018, 3, 2, 8, tzinfo=UTC)
    lake = photos["Lake"]  # embedded IPTC
    assert lake.description == "Still water, Plön" and tags(lake) == ["lake", "summer"]
    assert lake.taken_at == datetime(2017, 6, 15, tzinfo=UTC)
    assert len(photos) == 5
    reasons = {p.name: p.reason for p in ImportProblem.objects.all()}
    assert "my-own-licence" in reasons["moss.jpg"] and "all rights reserved" in reasons["moss.jpg"]
    assert "could not be read safely" in reasons["laughs.jpg"]

    call_command("import_move_in", "anna", str(folder), stdout=StringIO())
    assert Photo.objects.count() == 5  # again: found by their SHA-256, nothing twice


def test_a_zip_of_photos_moves_in_through_the_page(tmp_path, make_user, client):
    folder = build_folder(tmp_path / "export")
    archive = tmp_path / "lightroom-export.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                zf.write(path, path.relative_to(folder).as_posix())
    anna = make_user("anna")
    client.force_login(anna)
    with open(archive, "rb") as file:
        response = client.post(reverse("move_in"), {"zips": [file]})
    assert response.status_code == 302, response.content.decode()[-2000:]
    assert ImportRun.objects.get().source == "folder"
    assert Photo.objects.get(owner=anna, title="Harbour at dusk").licence == "cc-by-sa"
