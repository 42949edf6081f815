"""Photos moved in from Flickr are found in YFCC100M-shaped manifests by their Flickr id
and the account's NSID: on the import summary, on the dataset check page and in the API,
for the member alone."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.services import token_create
from consent.models.lookup import ManifestRow
from consent.selectors.origins import imported_in_datasets
from consent.services.manifests import manifest_import
from photos.models import PhotoOrigin
from tests.api.conftest import ApiClient
from tests.movein.flickr_export import NSID

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def moved_in(flickr, tmp_path):
    call_command("import_flickr", "anna", *map(str, flickr.paths), "--create-user")
    harbour = PhotoOrigin.objects.get(external_id=str(flickr.ids["harbour"])).photo
    manifest = tmp_path / "yfcc-faces.csv"
    manifest.write_text(
        "photo_id,user_nsid,user_nickname,download_url,license\n"
        f"{flickr.ids['harbour']},{NSID},anna_k,"
        "http://farm8.staticflickr.com/7001/5001_a1b2c3d4e5.jpg,CC BY-NC-SA 2.0\n"
        f"{flickr.ids['pdm']},99999999@N00,someone,https://example.org/x.jpg,\n"  # not hers
        f"777,{NSID},anna_k,http://farm1.staticflickr.com/1/777_aa.jpg,\n"  # not imported
    )
    manifest_import(path=manifest, name="FaceSet", version="1", contact="rm@faceset.example")
    return harbour


def test_the_summary_lists_the_datasets_holding_imported_photos(moved_in):
    hits = imported_in_datasets(moved_in.owner)
    assert [(str(h.dataset), h.photos) for h in hits] == [("FaceSet 1", [moved_in])]
    link = hits[0].withdrawal_link
    assert link.startswith("mailto:rm@faceset.example?subject=") and "staticflickr" in link


def as_owner(photo) -> ApiClient:
    return ApiClient(
        token_create(user=photo.owner, name="t", scopes=["read"], second_factor=True)[1]
    )


def test_the_dataset_check_finds_the_photo_for_its_owner_only(moved_in, client):
    anonymous = ApiClient().get("/dataset-check", photo=str(moved_in.pk)).json()
    assert anonymous["matches"] == []
    matches = as_owner(moved_in).get("/dataset-check", photo=str(moved_in.pk)).json()["matches"]
    assert [(m["dataset"], m["photo_ref"]) for m in matches] == [("FaceSet", "5001")]
    client.force_login(moved_in.owner)
    page = client.get(reverse("dataset_check"), {"by": "photo", "q": str(moved_in.pk)})
    assert "FaceSet" in page.content.decode()


def test_the_username_check_finds_the_members_nsid(moved_in, client):
    matches = as_owner(moved_in).get("/dataset-check", username="anna").json()["matches"]
    assert sorted(m["photo_ref"] for m in matches) == ["5001", "777"]
    assert ApiClient().get("/dataset-check", username="anna").json()["matches"] == []
    client.force_login(moved_in.owner)
    page = client.get(reverse("dataset_check"), {"by": "username", "q": "anna"})
    assert "777" in page.content.decode()


def test_matching_is_an_indexed_lookup_by_photo_id():
    indexed = [tuple(index.fields) for index in ManifestRow._meta.indexes]
    assert ("photo_ref",) in indexed and ("owner_ref",) in indexed


def test_yfcc_style_headers_without_underscores_are_read(tmp_path):
    manifest = tmp_path / "yfcc.csv"
    manifest.write_text(f"photoid,usernsid,usernickname\n5001,{NSID},anna_k\n")
    report = manifest_import(path=manifest, name="Y", version="1", contact="a@b.example")
    assert report.imported == 1
    assert ManifestRow.objects.get().owner_ref == NSID
