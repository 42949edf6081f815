"""The owner's original download on S3 is a short-lived presigned redirect (against a real
moto server): the bucket serves the file itself, as an attachment, and only to someone
holding the signed link; renditions are still served by Candid, with their consent."""

import time
import urllib.request
from urllib.parse import parse_qs, urlsplit

from django.core.files.storage import default_storage
from django.test import Client
from django.urls import reverse


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_original_is_a_presigned_redirect_to_the_bucket(alice, upload, bucket, s3_endpoint):
    photo = upload(alice)
    response = signed_in(alice).get(reverse("original", args=[photo.pk]))
    assert response.status_code == 302 and response["Cache-Control"] == "private, no-store"
    link = response["Location"]
    assert link.startswith(s3_endpoint) and bucket in link
    query = parse_qs(urlsplit(link).query)
    assert set(query) >= {"Expires", "Signature"}, query
    assert 0 < int(query["Expires"][0]) - time.time() <= 61  # CANDID_S3_PRESIGNED_SECONDS
    with urllib.request.urlopen(link, timeout=10) as fetched:  # noqa: S310 - moto on loopback
        body, disposition = fetched.read(), fetched.headers["Content-Disposition"]
    with default_storage.open(photo.original, "rb") as stored:
        assert body == stored.read()
    assert disposition == f'attachment; filename="candid-{photo.pk}.jpg"'


def test_the_link_is_unsigned_nowhere_and_others_get_no_link(alice, bob, upload, bucket):
    photo = upload(alice)
    unsigned = urlsplit(default_storage.url(photo.original))._replace(query="").geturl()
    try:
        urllib.request.urlopen(unsigned, timeout=10)  # noqa: S310 - moto on loopback
        raise AssertionError("the bucket served an unsigned request")
    except urllib.error.HTTPError as refused:
        assert refused.code == 403
    assert signed_in(bob).get(reverse("original", args=[photo.pk])).status_code == 404


def test_with_presigning_off_the_original_streams_through_candid(alice, upload, bucket, settings):
    settings.CANDID_S3_PRESIGNED_SECONDS = 0
    photo = upload(alice)
    response = signed_in(alice).get(reverse("original", args=[photo.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content)[:2] == b"\xff\xd8"


def test_renditions_are_not_redirected_on_s3(alice, upload, bucket):
    photo = upload(alice)
    served = Client().get(reverse("rendition", args=[photo.pk, "small"]))
    assert served.status_code == 200 and b"DMI-PROHIBITED" in served.content
