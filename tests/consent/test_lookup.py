"""The public lookup: by image (near-duplicates, rotated copies, nothing stored), by
username and by photo link, over Candid releases and external manifests; bad input."""

import io

import numpy as np
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from consent.lookup.image import image_variants
from consent.lookup.pdq_index import PdqIndex, Source, reset_shared_index
from consent.manifests.generate import near_duplicate
from consent.models.lookup import DepictedRequest, ExternalDataset, ManifestRow
from consent.models.releases import Dataset, Release, ReleaseItem
from consent.selectors.lookup import lookup_image
from consent.services.manifests import manifest_import
from core.models import Event
from photos.models import Photo
from photos.samples import sample_jpeg

HEADER = "photo_id,owner_id,owner_name,url,licence,pdq\n"


@pytest.fixture(autouse=True)
def fresh_index(settings):
    settings.CANDID_LOOKUP_REFRESH_SECONDS = 0
    reset_shared_index()
    yield
    reset_shared_index()


def external(tmp_path, rows: list[str], name="FaceSet"):
    path = tmp_path / f"{name}.csv"
    path.write_text(HEADER + "\n".join(rows) + "\n")
    return manifest_import(path=path, name=name, version="2019", contact="ask@faceset.example")


def release_of(photo, number=1):
    dataset, _ = Dataset.objects.get_or_create(
        name="Candid Faces",
        defaults=dict(
            purpose="research_datasets",
            commercial=False,
            needs_derivatives=False,
            created_at=timezone.now(),
        ),
    )
    release = Release.objects.create(
        dataset=dataset, number=number, state="published", created_at=timezone.now()
    )
    return ReleaseItem.objects.create(
        release=release,
        photo=photo,
        photo_ref=photo.pk,
        owner_ref=photo.owner_id,
        rendition_url="/r/1/large.jpg",
        licence=photo.licence,
        attribution="a",
        sha256="0" * 64,
        pdq_hash=photo.pdq_hash,
        consent_allowed=True,
        consent_signal="photo",
    )


def hex_of(data: bytes) -> str:
    return image_variants(io.BytesIO(data))[0][0].tobytes().hex()


def everything_counted():
    return {
        m.__name__: m.objects.count()
        for m in (Photo, Event, ManifestRow, ExternalDataset, DepictedRequest, ReleaseItem)
    }


@pytest.mark.django_db
def test_uploaded_image_finds_near_duplicate_in_external_manifest(client, tmp_path):
    data = sample_jpeg(900, 600, seed=7)
    rng = np.random.default_rng(1)
    external(
        tmp_path,
        [
            f"55,88@N01,kim,http://f/55.jpg,CC BY,{near_duplicate(hex_of(data), bits=20, rng=rng)}",
            f"56,88@N01,kim,http://f/56.jpg,CC BY,{near_duplicate(hex_of(data), bits=40, rng=rng)}",
        ],
    )
    response = client.post(
        reverse("dataset_check_image"), {"image": SimpleUploadedFile("me.jpg", data, "image/jpeg")}
    )
    assert response.status_code == 200
    matches = response.context["result"].matches
    assert [(m.photo_ref, m.dataset, m.version, m.contact) for m in matches] == [
        ("55", "FaceSet", "2019", "ask@faceset.example")
    ]
    assert matches[0].distance == 20
    assert "not stored" in response.content.decode()


@pytest.mark.django_db
def test_rotated_and_mirrored_copies_are_found(client, tmp_path):
    data = sample_jpeg(800, 600, seed=3)
    external(tmp_path, [f"1,o,kim,http://f/1.jpg,CC BY,{hex_of(data)}"])
    for op in (Image.Transpose.ROTATE_90, Image.Transpose.FLIP_LEFT_RIGHT):
        out = io.BytesIO()
        Image.open(io.BytesIO(data)).transpose(op).save(out, "JPEG", quality=90)
        response = client.post(
            reverse("dataset_check_image"),
            {"image": SimpleUploadedFile("x.jpg", out.getvalue(), "image/jpeg")},
        )
        (match,) = response.context["result"].matches
        assert match.photo_ref == "1" and match.variant != "as uploaded" and match.distance <= 31


@pytest.mark.django_db
def test_uploaded_image_leaves_nothing_behind(client, settings, tmp_path, media_dir):
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path / "uploads")
    (tmp_path / "uploads").mkdir()
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1024  # Django's own handlers would spill to disk
    before = everything_counted()
    data = sample_jpeg(1600, 1200, seed=2)
    assert len(data) > 1024
    response = client.post(
        reverse("dataset_check_image"), {"image": SimpleUploadedFile("me.jpg", data, "image/jpeg")}
    )
    assert response.status_code == 200
    assert list((tmp_path / "uploads").iterdir()) == []
    assert not media_dir.exists() or list(media_dir.rglob("*")) == []
    assert everything_counted() == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data,message",
    [
        (b"%PDF-1.4 not an image", "not an image"),
        (None, "larger than 100 megapixels"),
    ],
)
def test_bad_upload_gets_clear_error_and_changes_nothing(client, settings, data, message, tmp_path):
    if data is None:  # a decompression bomb: 12000 x 10000 pixels declared, tiny file
        out = io.BytesIO()
        Image.new("1", (12_000, 10_000)).save(out, "PNG")
        data = out.getvalue()
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    before = everything_counted()
    response = client.post(
        reverse("dataset_check_image"), {"image": SimpleUploadedFile("x.jpg", data, "image/jpeg")}
    )
    assert response.status_code == 400
    assert message in response.context["error"]
    api = client.post(
        "/api/v1/dataset-check/image", {"image": SimpleUploadedFile("x.jpg", data, "image/jpeg")}
    )
    assert api.status_code == 400 and message in api.json()["detail"]
    assert everything_counted() == before
    assert list(tmp_path.glob("*.upload*")) == []


@pytest.mark.django_db
def test_too_large_upload_is_refused(client, settings):
    settings.CANDID_MAX_UPLOAD_BYTES = 2000
    data = sample_jpeg(800, 600, seed=1)
    response = client.post(
        "/api/v1/dataset-check/image", {"image": SimpleUploadedFile("x.jpg", data, "image/jpeg")}
    )
    assert response.status_code == 413 and "larger than" in response.json()["detail"]


@pytest.mark.django_db
def test_candid_username_lists_releases_holding_their_photos(client, alice, upload, tmp_path):
    photo = upload(alice, visibility="public")
    release_of(photo)
    response = client.get(reverse("dataset_check"), {"by": "username", "q": "alice"})
    (match,) = response.context["result"].matches
    assert (match.dataset, match.version, match.photo) == ("Candid Faces", "release 1", photo)
    api = client.get("/api/v1/dataset-check", {"username": "alice"}).json()
    assert api["matches"][0]["photo_id"] == photo.pk


@pytest.mark.django_db
def test_photo_link_lists_releases_and_external_near_duplicates(client, alice, upload, tmp_path):
    photo = upload(alice)
    release_of(photo)
    rng = np.random.default_rng(5)
    external(
        tmp_path,
        [f"9,o,x,http://f/9.jpg,CC BY-NC,{near_duplicate(photo.pdq_hash, bits=8, rng=rng)}"],
    )
    url = f"http://testserver/photos/{photo.pk}/"
    response = client.get(reverse("dataset_check"), {"by": "photo", "q": url})
    found = {(m.source, m.photo_ref) for m in response.context["result"].matches}
    assert found == {("candid", str(photo.pk)), ("external", "9")}
    api = client.get("/api/v1/dataset-check", {"photo": str(photo.pk)}).json()
    assert {m["source"] for m in api["matches"]} == {"candid", "external"}


@pytest.mark.django_db
def test_bad_or_private_photo_reference_is_refused(client, alice, upload):
    private = upload(alice, visibility="private")
    bad = client.get(reverse("dataset_check"), {"by": "photo", "q": "https://elsewhere.example/x"})
    assert bad.status_code == 400 and "neither a link" in bad.context["error"]
    hidden = client.get("/api/v1/dataset-check", {"photo": str(private.pk)})
    assert hidden.status_code == 404
    both = client.get("/api/v1/dataset-check", {"photo": "1", "username": "a"})
    assert both.status_code == 400


@pytest.mark.django_db
def test_index_picks_up_new_rows_incrementally_and_respects_threshold(tmp_path):
    base = "00" * 32
    one_bit_short = "ff" * 3 + "fe" + "00" * 28  # 31 bits set
    external(tmp_path, [f"1,o,x,u,l,{one_bit_short}"])
    index = PdqIndex([Source(0, "manifest", ManifestRow._meta.db_table, "pdq")], refresh_seconds=0)
    query = np.zeros((1, 32), np.uint8)
    assert [(h.row_id, h.distance) for h in index.search(query)] == []  # not loaded yet
    index.ensure_fresh()
    assert [h.distance for h in index.search(query)] == [31]
    external(tmp_path, [f"2,o,x,u,l,{'ff' * 4 + base[8:]}"], name="Other")  # 32 bits
    assert index.refresh() == 1 and len(index) == 2
    assert [h.distance for h in index.search(query)] == [31]


@pytest.mark.django_db
def test_demo_manifest_holds_a_near_duplicate_of_a_demo_photo(client, alice, upload):
    from consent.demo.lookup import build_lookup_demo

    photo = upload(alice)
    dataset = build_lookup_demo(rows=200)
    assert build_lookup_demo(rows=200) == dataset and dataset.rows_imported == 200
    response = client.get(reverse("dataset_check"), {"by": "photo", "q": str(photo.pk)})
    assert [(m.dataset, m.owner) for m in response.context["result"].matches] == [
        ("FlickrFaces-demo", "alice")
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path, view",
    [
        ("/api/v1/dataset-check/image", "api.routers.consent_lookup"),
        ("/dataset-check/image/", "web.views.consent_lookup"),
    ],
)
def test_image_checks_are_limited_per_address(client, settings, monkeypatch, path, view):
    """Hashing eight variants of an upload costs CPU: past the rate, the answer is 429
    and the image is not even looked at."""
    settings.RATELIMIT_ENABLE, settings.CANDID_LOOKUP_RATE = True, "2/h"
    looked = []
    monkeypatch.setattr(f"{view}.lookup_image", lambda **k: looked.append(1) or lookup_image(**k))
    data = sample_jpeg(320, 240, seed=5)
    responses = [
        client.post(path, {"image": SimpleUploadedFile("me.jpg", data, "image/jpeg")})
        for _ in range(3)
    ]
    assert [r.status_code for r in responses] == [200, 200, 429] and len(looked) == 2
    assert "wait" in responses[-1].content.decode()
