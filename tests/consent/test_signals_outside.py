"""Every reservation signal of an opted-out photo, checked from the outside as a crawler
sees it (HTTP headers of the photo page and each rendition, robots.txt parsed with
urllib.robotparser for each listed token, /.well-known/tdmrep.json, exiftool on each
served rendition), and again after consent is given and withdrawn: the signals follow
within one request (issue 16)."""

import fnmatch
import urllib.robotparser

import pytest
from django.core.management import call_command
from django.urls import reverse

from consent.models import Purpose
from consent.services.consent import consent_set
from consent.signals_http import AI_CRAWLERS
from tests.photos.hostile_images import exiftool_tags, needs_exiftool

pytestmark = pytest.mark.django_db
SIZES = ("large", "medium", "tile", "small")


def robots(client) -> urllib.robotparser.RobotFileParser:
    parser = urllib.robotparser.RobotFileParser()
    parser.parse(client.get("/robots.txt").content.decode().splitlines())
    return parser


def tdm_reservation(client, path: str) -> int:
    """TDMRep's well-known file: the first rule whose location matches wins."""
    for rule in client.get("/.well-known/tdmrep.json").json():
        if fnmatch.fnmatchcase(path, rule["location"]):
            return rule["tdm-reservation"]
    raise AssertionError(f"no rule covers {path}")


def signals(client, photo, tmp_path) -> dict:
    page = client.get(reverse("photo", args=[photo.pk]))
    renditions = [client.get(reverse("rendition", args=[photo.pk, s])) for s in SIZES]
    parser = robots(client)
    paths = [reverse("photo", args=[photo.pk]), reverse("rendition", args=[photo.pk, "large"])]
    return {
        "page": page,
        "renditions": renditions,
        "crawlable": {a: all(parser.can_fetch(a, p) for p in paths) for a in AI_CRAWLERS},
        "tdmrep": {p: tdm_reservation(client, p) for p in paths},
        "files": [exiftool_tags(r.content, tmp_path) for r in renditions],
    }


def allow_everything(user, allowed: bool) -> None:
    for purpose in Purpose.values:
        consent_set(user=user, purpose=purpose, allowed=allowed)


@needs_exiftool
def test_signals_follow_consent_given_and_withdrawn(
    client, alice, upload, tmp_path, django_capture_on_commit_callbacks
):
    call_command("robots_ai", "--allow")  # the operator lets AI crawlers in where consented
    photo = upload(alice, visibility="public", licence="cc-by")

    def assert_reserved(seen):
        for response in (seen["page"], *seen["renditions"]):
            assert response["tdm-reservation"] == "1"
            assert response["tdm-policy"] == "http://testserver/tdm-policy/"
            assert response["X-Robots-Tag"] == "noai, noimageai"
            assert response["Content-Usage"] == "train-ai=n, ai-use=n"
        assert not any(seen["crawlable"].values())
        assert set(seen["tdmrep"].values()) == {1}
        for tags in seen["files"]:
            assert tags["XMP-plus:DataMining"].endswith("DMI-PROHIBITED")

    reserved = signals(client, photo, tmp_path)
    assert_reserved(reserved)
    for tags in reserved["files"]:
        assert tags["XMP-dc:Creator"] == alice.display_name
        assert tags["XMP-cc:License"] == "https://creativecommons.org/licenses/by/4.0/"
        assert "GPS" not in " ".join(tags)

    with django_capture_on_commit_callbacks(execute=True):  # as a committed change does
        allow_everything(alice, True)
    opened = signals(client, photo, tmp_path)
    for response in (opened["page"], *opened["renditions"]):
        assert response["tdm-reservation"] == "0"
        assert "X-Robots-Tag" not in response
    assert all(opened["crawlable"].values())
    assert set(opened["tdmrep"].values()) == {0}
    assert all(t["XMP-plus:DataMining"].endswith("DMI-ALLOWED") for t in opened["files"])

    with django_capture_on_commit_callbacks(execute=True):
        consent_set(user=alice, purpose=Purpose.BIOMETRIC.value, allowed=False)
    withdrawn = signals(client, photo, tmp_path)
    assert not any(withdrawn["crawlable"].values())
    assert set(withdrawn["tdmrep"].values()) == {1}
    assert withdrawn["page"]["Content-Usage"] == "ai-use=n"


def test_by_default_every_listed_crawler_is_kept_off_every_photo(client, alice, upload):
    photo = upload(alice, visibility="public")
    allow_everything(alice, True)
    parser = robots(client)
    for agent in AI_CRAWLERS:
        assert not parser.can_fetch(agent, reverse("photo", args=[photo.pk])), agent


def test_a_licence_change_gives_the_renditions_a_new_address(client, alice, upload):
    from photos.rendition_keys import rendition_key

    photo = upload(alice, visibility="public", licence="arr")
    before = rendition_key(photo)
    photo.licence = "cc-by"
    assert rendition_key(photo) != before


def test_a_new_public_name_gives_the_renditions_a_new_address(alice, upload):
    from accounts.services import profile_update

    photo = upload(alice, visibility="public")
    profile_update(user=alice, display_name="Alice Liddell", bio="")
    photo.refresh_from_db()
    assert photo.rendition_version > 1
