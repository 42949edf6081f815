"""The consent a served rendition carries, read back with exiftool (an independent reader)."""

import json
import shutil
import subprocess
from io import BytesIO

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from PIL import Image, ImageChops

from consent.metadata import ConsentState, NotAJpeg, with_xmp, xmp_packet
from consent.services.consent import consent_set, consent_withdraw, photo_consent_set
from photos.samples import sample_jpeg

VOCAB = "http://ns.useplus.org/ldf/vocab/"
EVERY = ("ai_training", "genai_training", "biometric", "research_datasets")

pytestmark = pytest.mark.skipif(
    shutil.which("exiftool") is None, reason="exiftool (libimage-exiftool-perl) is missing"
)


def exif_of(data: bytes, tmp_path, *tags: str) -> dict:
    path = tmp_path / "served.jpg"
    path.write_bytes(data)
    args = ["exiftool", "-j", "-n", "-G1", *tags, str(path)]
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout  # noqa: S603
    return json.loads(out)[0]


def served(client, photo, size="medium"):
    response = client.get(reverse("rendition", args=[photo.pk, size]))
    assert response.status_code == 200
    return response


def test_a_default_rendition_says_data_mining_prohibited(client, alice, upload, tmp_path):
    photo = upload(alice, title="Default", visibility="public")
    tags = exif_of(served(client, photo).content, tmp_path, "-XMP-plus:DataMining")
    assert tags["XMP-plus:DataMining"] == VOCAB + "DMI-PROHIBITED"


def test_allowing_everything_is_served_as_dmi_allowed(client, alice, upload, tmp_path):
    photo = upload(alice, visibility="public")
    for purpose in EVERY:
        consent_set(user=alice, purpose=purpose, allowed=True)
    for size in ("large", "medium", "tile", "small"):
        tags = exif_of(served(client, photo, size).content, tmp_path, "-XMP-plus:DataMining")
        assert tags["XMP-plus:DataMining"] == VOCAB + "DMI-ALLOWED"


@pytest.mark.parametrize(
    ("allowed", "expected"),
    [
        (("ai_training", "biometric", "research_datasets"), "DMI-PROHIBITED-GENAIMLTRAINING"),
        (("biometric", "research_datasets"), "DMI-PROHIBITED-AIMLTRAINING"),
        (("genai_training", "biometric", "research_datasets"), "DMI-PROHIBITED-AIMLTRAINING"),
        (("ai_training", "genai_training"), "DMI-PROHIBITED-SEECONSTRAINT"),
    ],
)
def test_partial_consent_maps_to_the_matching_vocabulary_value(
    client, alice, upload, tmp_path, allowed, expected
):
    photo = upload(alice, visibility="public")
    for purpose in allowed:
        consent_set(user=alice, purpose=purpose, allowed=True)
    tags = exif_of(served(client, photo).content, tmp_path, "-XMP-plus:all")
    assert tags["XMP-plus:DataMining"] == VOCAB + expected
    if expected.endswith("SEECONSTRAINT"):
        assert tags["XMP-plus:OtherConstraints"] == (
            "Not allowed: Biometric (face) analysis, Inclusion in research datasets. "
            "Allowed: AI/ML training, Generative-AI training."
        )
    else:
        assert "XMP-plus:OtherConstraints" not in tags


def test_a_consent_change_shows_in_the_next_served_file(client, alice, upload, tmp_path):
    photo = upload(alice, visibility="public")
    for purpose in EVERY:
        consent_set(user=alice, purpose=purpose, allowed=True)
    before = exif_of(served(client, photo).content, tmp_path, "-XMP-plus:DataMining")
    photo_consent_set(actor=alice, photo=photo, purpose="genai_training", allowed=False)
    after = exif_of(served(client, photo).content, tmp_path, "-XMP-plus:DataMining")
    consent_withdraw(actor=alice, photos=[photo])
    withdrawn = exif_of(served(client, photo).content, tmp_path, "-XMP-plus:DataMining")
    assert before["XMP-plus:DataMining"] == VOCAB + "DMI-ALLOWED"
    assert after["XMP-plus:DataMining"] == VOCAB + "DMI-PROHIBITED-GENAIMLTRAINING"
    assert withdrawn["XMP-plus:DataMining"] == VOCAB + "DMI-PROHIBITED"


def test_served_files_keep_camera_data_and_still_lose_gps(client, alice, upload, jpeg, tmp_path):
    photo = upload(alice, data=jpeg, visibility="public")
    tags = exif_of(served(client, photo, "large").content, tmp_path, "-GPS:all", "-IFD0:Make")
    assert tags["IFD0:Make"] and not [key for key in tags if key.startswith("GPS")]
    assert "XMP-plus:DataMining" in exif_of(served(client, photo).content, tmp_path)


def test_the_image_data_is_untouched_by_the_metadata(client, alice, upload):
    photo = upload(alice, visibility="public")
    with default_storage.open(photo.renditions.get(size="medium").file, "rb") as raw:
        plain = Image.open(BytesIO(raw.read())).convert("RGB")
    served_image = Image.open(BytesIO(served(client, photo).content)).convert("RGB")
    assert ImageChops.difference(plain, served_image).getbbox() is None


def test_xmp_is_replaced_not_duplicated(tmp_path):
    state = ConsentState(dict.fromkeys(EVERY, True))
    once = with_xmp(sample_jpeg(320, 240, seed=3), xmp_packet(ConsentState({})))
    twice = with_xmp(once, xmp_packet(state))
    assert twice.count(b"http://ns.adobe.com/xap/1.0/\x00") == 1
    assert exif_of(twice, tmp_path, "-XMP-plus:DataMining")["XMP-plus:DataMining"].endswith(
        "DMI-ALLOWED"
    )


@pytest.mark.parametrize("data", [b"", b"GIF89a", b"\xff\xd8\xff\xe0\x00\x10JFIF", b"\xff\xd8"])
def test_bytes_that_are_not_a_readable_jpeg_are_refused(data):
    with pytest.raises(NotAJpeg):
        with_xmp(data, xmp_packet(ConsentState({})))
