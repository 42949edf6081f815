"""'Am I in a dataset?' for people on other servers (issue 20): they give their address,
Candid sends their account a private note with a capability link, and the link (only
that one, only for a while) shows what Candid holds from them and whether it went into a
dataset."""

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
import time_machine
from django.utils import timezone

from consent.models.lookup import ExternalDataset, ManifestRow
from federation.capabilities import capability_token
from federation.models import Delivery, RemoteActor, RemoteReply
from tests.web.test_federation_pages import webfinger

pytestmark = pytest.mark.django_db


@pytest.fixture
def asked(federating, peer, client, alice, upload):
    """mona@peer replied to alice's photo, then asked for her link."""
    address = webfinger(peer, "mona")
    response = client.post("/dataset-check/fediverse/", {"address": address})
    assert response.status_code == 200 and b'id="link-sent"' in response.content
    mona = RemoteActor.objects.get(username="mona")
    photo = upload(alice, visibility="public")
    RemoteReply.objects.create(
        uri=f"{mona.uri}/statuses/1", author=mona, photo=photo, text="Such a calm harbour",
        published=timezone.now(),
    )  # fmt: skip
    return mona


def link_in(delivery: Delivery) -> str:
    return re.search(r'href="([^"]+)"', delivery.activity["object"]["content"])[1]


def test_the_link_goes_to_that_account_alone_as_a_private_note(asked, peer):
    delivery = Delivery.objects.get()
    note = delivery.activity["object"]
    assert delivery.inbox == asked.inbox and delivery.sender.is_instance
    assert delivery.activity["to"] == note["to"] == [asked.uri]
    assert "https://www.w3.org/ns/activitystreams#Public" not in str(delivery.activity)
    assert note["tag"] == [{"type": "Mention", "href": asked.uri}]
    assert link_in(delivery).startswith("https://candid.test/dataset-check/fediverse/")


def test_the_link_shows_their_replies_and_that_no_release_holds_them(asked, client):
    page = client.get(urlsplit(link_in(Delivery.objects.get())).path)
    text = page.content.decode()
    assert page.status_code == 200
    assert "Such a calm harbour" in text
    assert "None of your replies or posts is in a Candid dataset release" in text
    assert "No imported dataset manifest names your account" in text
    assert "noai" in page["X-Robots-Tag"] and page["Referrer-Policy"] == "no-referrer"


def test_an_external_manifest_naming_their_account_is_shown(asked, client):
    dataset = ExternalDataset.objects.create(
        name="FediScrape", version="1", contact="takedown@fediscrape.example",
        imported_at=timezone.now(),
    )  # fmt: skip
    ManifestRow.objects.create(
        dataset=dataset, photo_ref="9", owner_ref=asked.uri, url="https://x.example/9.jpg"
    )
    text = client.get(urlsplit(link_in(Delivery.objects.get())).path).content.decode()
    assert "FediScrape 1" in text and "takedown@fediscrape.example" in text


def test_a_forged_expired_or_foreign_link_shows_nothing(asked, client):
    forged = capability_token(purpose="statement", subject=asked.uri)  # another purpose
    assert client.get(f"/dataset-check/fediverse/{forged}/").status_code == 404
    assert client.get("/dataset-check/fediverse/not-a-token/").status_code == 404
    path = urlsplit(link_in(Delivery.objects.get())).path
    with time_machine.travel(timezone.now() + timedelta(days=8)):
        assert client.get(path).status_code == 404


def test_an_unknown_address_is_an_error_and_sends_nothing(federating, peer, client):
    response = client.post(
        "/dataset-check/fediverse/", {"address": "@nobody@127.0.0.1:1"}, HTTP_ACCEPT_LANGUAGE="de"
    )
    assert response.status_code == 400
    assert "Unter dieser Adresse wurde kein Konto gefunden" in response.content.decode()
    assert not Delivery.objects.exists()


def test_the_public_lookup_page_points_people_elsewhere_to_it(federating, client):
    assert b'id="fediverse-lookup"' in client.get("/dataset-check/").content


def test_one_account_gets_at_most_three_links_an_hour_whoever_asks(
    federating, peer, client, settings
):
    settings.RATELIMIT_ENABLE = True
    address = webfinger(peer, "mona")
    for _ in range(3):
        assert client.post("/dataset-check/fediverse/", {"address": address}).status_code == 200
    refused = client.post("/dataset-check/fediverse/", {"address": f" {address.upper()} "})
    assert refused.status_code == 429 and b"already sent to this account" in refused.content
    assert Delivery.objects.count() == 3
    other = client.post("/dataset-check/fediverse/", {"address": webfinger(peer, "nina")})
    assert other.status_code == 200
