"""WebFinger, host-meta, NodeInfo: how other servers find Candid and its members."""

import json
from datetime import timedelta

import pytest

from federation.nodeinfo import node_stats_count
from federation.services import findable_set

pytestmark = pytest.mark.django_db


def test_webfinger_finds_a_member_by_acct(federating, client, alice):
    response = client.get("/.well-known/webfinger", {"resource": "acct:alice@candid.test"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/jrd+json"
    body = response.json()
    assert body["subject"] == "acct:alice@candid.test"
    self_link = next(link for link in body["links"] if link["rel"] == "self")
    assert self_link == {
        "rel": "self",
        "type": "application/activity+json",
        "href": "https://candid.test/u/alice/",
    }


def test_webfinger_accepts_the_actor_url_as_resource(federating, client, alice):
    response = client.get("/.well-known/webfinger", {"resource": "https://candid.test/u/alice/"})
    assert response.json()["subject"] == "acct:alice@candid.test"


@pytest.mark.parametrize(
    "resource", ["", "alice", "acct:alice@elsewhere.example", "acct:@candid.test", "mailto:x"]
)
def test_webfinger_refuses_a_resource_that_is_not_ours(federating, client, alice, resource):
    response = client.get("/.well-known/webfinger", {"resource": resource})
    assert response.status_code == 400


def test_webfinger_does_not_find_unknown_or_unfindable_members(federating, client, alice, bob):
    findable_set(user=bob, findable=False)
    for name in ("nobody", "bob"):
        response = client.get("/.well-known/webfinger", {"resource": f"acct:{name}@candid.test"})
        assert response.status_code == 404


def test_everything_is_404_while_the_instance_does_not_federate(settings, client, alice):
    settings.CANDID_FEDERATION = False
    for path in (
        "/.well-known/webfinger?resource=acct:alice@127.0.0.1:8000",
        "/.well-known/nodeinfo",
        "/.well-known/host-meta",
        "/nodeinfo/2.1",
        "/actor/",
    ):
        assert client.get(path).status_code == 404, path
    profile = client.get("/u/alice/", HTTP_ACCEPT="application/activity+json")
    assert profile["Content-Type"].startswith("text/html")


def test_host_meta_points_at_webfinger(federating, client):
    response = client.get("/.well-known/host-meta")
    assert response["Content-Type"] == "application/xrd+xml"
    assert 'template="https://candid.test/.well-known/webfinger?resource={uri}"' in (
        response.content.decode()
    )


def test_nodeinfo_names_candid_and_counts_from_the_upkeep(federating, client, alice, bob, upload):
    upload(alice, visibility="public")
    upload(alice, visibility="private")
    index = client.get("/.well-known/nodeinfo").json()
    assert index["links"][0]["href"] == "https://candid.test/nodeinfo/2.1"
    before = client.get("/nodeinfo/2.1").json()
    assert before["usage"]["users"]["total"] == 0  # not counted yet: no request counts
    node_stats_count()
    info = client.get("/nodeinfo/2.1").json()
    assert info["software"]["name"] == "candid"
    assert info["protocols"] == ["activitypub"]
    assert info["usage"]["users"]["total"] == 2
    assert info["usage"]["localPosts"] == 1
    assert isinstance(info["openRegistrations"], bool)
    assert info["version"] == "2.1" and info["software"]["version"]
    json.dumps(info)


def test_nodeinfo_counts_members_active_in_the_month_and_half_year(
    federating, client, alice, bob, make_user
):
    from django.utils import timezone

    now = timezone.now()
    type(alice).objects.filter(pk=alice.pk).update(last_login=now - timedelta(days=3))
    type(bob).objects.filter(pk=bob.pk).update(last_login=now - timedelta(days=90))
    node_stats_count()
    users = client.get("/nodeinfo/2.1").json()["usage"]["users"]
    assert (users["activeMonth"], users["activeHalfyear"]) == (1, 2)
