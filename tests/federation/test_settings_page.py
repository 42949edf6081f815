"""The member's choice, with the plain warning before it."""

import pytest

from federation.models import Delivery, RemoteActor, RemoteFollow

pytestmark = pytest.mark.django_db


def test_the_page_says_copies_escape_candid_before_the_choice(federating, client, alice):
    client.force_login(alice)
    html = client.get("/settings/federation/").content.decode()
    assert "@alice@candid.test" in html
    assert "Candid cannot control those copies" in html
    assert html.index("Candid cannot control those copies") < html.index('name="findable"')


def test_the_page_says_when_the_instance_does_not_federate(client, alice):
    client.force_login(alice)
    html = client.get("/settings/federation/").content.decode()
    assert "does not take part in federation" in html
    assert 'name="findable"' not in html


def test_leaving_federation_hides_the_actor_and_tells_the_followers_servers(
    federating, client, alice
):
    actor = RemoteActor.objects.create(
        uri="https://m.example/users/bob",
        domain="m.example",
        inbox="https://m.example/users/bob/inbox",
        shared_inbox="https://m.example/inbox",
        fetched_at="2026-01-01T00:00:00Z",
    )
    RemoteFollow.objects.create(follower=actor, followee=alice, state="accepted")
    client.force_login(alice)
    response = client.post("/settings/federation/", {})
    assert response.status_code == 302
    assert client.get("/u/alice/", HTTP_ACCEPT="application/activity+json").status_code == 404
    delete = Delivery.objects.get()
    assert delete.activity["type"] == "Delete" and delete.inbox == "https://m.example/inbox"
    assert not RemoteFollow.objects.exists()


def test_the_page_is_german_for_german_readers(federating, client, alice):
    client.force_login(alice)
    html = client.get("/settings/federation/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Andere Server" in html
