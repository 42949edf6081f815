"""Follows from other servers obey the member's follow approval: accepted at once, or
waiting in the member's follow requests (web and API) until accepted or refused, and the
follower's server is told either way."""

import json
import re

import pytest

from accounts.services import token_create
from federation.delivery import delivery_send
from federation.models import Delivery, InboxMessage, RemoteFollow
from federation.processing import inbox_message_process
from photos.models import Photo, Visibility
from social.audience_services import follow_approval_set
from tests.api.conftest import ApiClient
from tests.federation.conftest import AP, SITE
from tests.federation.test_inbox import INBOX, follow_of

pytestmark = pytest.mark.django_db


def _follow(peer, client, name="bob") -> str:
    peer.actor(name)
    activity = follow_of(peer, name=name)
    activity["id"] = f"{peer.base}/follows/{name}"
    peer.signed_post(client, INBOX, activity, name=name, site=SITE)
    message = InboxMessage.objects.latest("pk")
    return inbox_message_process(message.pk)


def _sent(peer) -> list[dict]:
    for delivery in Delivery.objects.order_by("pk"):
        delivery_send(delivery.pk)
    return [json.loads(item["body"]) for item in peer.received]


def test_a_member_who_approves_every_follower_gets_a_request(federating, peer, client, alice):
    follow_approval_set(member=alice, approval="always")
    assert _follow(peer, client) == "pending the member's approval"
    assert RemoteFollow.objects.get().state == RemoteFollow.State.PENDING
    assert not Delivery.objects.exists()  # no Accept before the member decides
    document = client.get("/u/alice/", HTTP_ACCEPT=AP).json()
    assert document["manuallyApprovesFollowers"] is True


def test_the_member_is_told_of_a_request_from_another_server(federating, peer, client, alice):
    from django.utils import translation

    from notifications.models import Notification
    from notifications.texts import path_of, sentence

    follow_approval_set(member=alice, approval="always")
    _follow(peer, client)
    _follow(peer, client)  # the same Follow again: still one notification
    [told] = Notification.objects.filter(recipient=alice, kind="follow_request")
    address = RemoteFollow.objects.get().follower.address
    with translation.override("en"):
        assert sentence(told) == f"{address} asked to follow you."
    assert path_of(told) == "/settings/privacy/"


def test_never_accepts_at_once(federating, peer, client, alice):
    follow_approval_set(member=alice, approval="never")
    Photo.objects.filter(owner=alice).update(visibility=Visibility.FOLLOWERS)
    assert _follow(peer, client) == "accepted"
    assert client.get("/u/alice/", HTTP_ACCEPT=AP).json()["manuallyApprovesFollowers"] is False


def test_the_request_is_listed_and_accepted_on_the_privacy_page(
    federating, peer, client, alice, django_capture_on_commit_callbacks
):
    follow_approval_set(member=alice, approval="always")
    _follow(peer, client)
    follow = RemoteFollow.objects.get()
    client.force_login(alice)
    page = client.get("/settings/privacy/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Von anderen Servern" in page and "@bob@127.0.0.1" in page
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(f"/settings/privacy/remote-requests/{follow.pk}/accept/")
    assert response.status_code == 302
    follow.refresh_from_db()
    assert follow.state == RemoteFollow.State.ACCEPTED
    accept = _sent(peer)[0]
    assert accept["type"] == "Accept" and accept["object"]["id"] == f"{peer.base}/follows/bob"
    assert "now follows you" in client.get("/settings/privacy/").content.decode()
    assert "Accept</button>" not in client.get("/settings/privacy/").content.decode()


def test_a_refused_request_is_rejected_and_ends(
    federating, peer, client, alice, bob, django_capture_on_commit_callbacks
):
    follow_approval_set(member=alice, approval="always")
    _follow(peer, client)
    follow = RemoteFollow.objects.get()
    client.force_login(bob)  # not bob's request to decide
    client.post(f"/settings/privacy/remote-requests/{follow.pk}/refuse/")
    assert RemoteFollow.objects.filter(pk=follow.pk).exists()
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=False):
        client.post(f"/settings/privacy/remote-requests/{follow.pk}/refuse/")
    assert not RemoteFollow.objects.exists()
    assert _sent(peer)[0]["type"] == "Reject"


def test_the_api_lists_remote_requests_keyset_paged_and_answers_them(
    federating, peer, client, alice, django_capture_on_commit_callbacks
):
    follow_approval_set(member=alice, approval="always")
    _follow(peer, client, "bob")
    _follow(peer, client, "carol")
    api = ApiClient(token_create(user=alice, name="t", scopes=["read", "write"])[1])
    first = api.get("/me/follow-requests/remote", limit=1).json()
    assert [item["address"] for item in first["items"]] == ["@carol@127.0.0.1"]
    second = api.get("/me/follow-requests/remote", limit=1, cursor=first["next_cursor"]).json()
    assert [item["address"] for item in second["items"]] == ["@bob@127.0.0.1"]
    with django_capture_on_commit_callbacks(execute=False):
        assert (
            api.post(f"/me/follow-requests/remote/{first['items'][0]['id']}/accept").status_code
            == 204
        )
        assert (
            api.post(f"/me/follow-requests/remote/{second['items'][0]['id']}/reject").status_code
            == 204
        )
    assert [f.follower.username for f in RemoteFollow.objects.all()] == ["carol"]
    assert sorted(a["type"] for a in _sent(peer)) == ["Accept", "Reject"]
    assert (
        api.post(f"/me/follow-requests/remote/{first['items'][0]['id']}/accept").status_code == 404
    )


def test_choosing_never_accepts_the_waiting_remote_follows(
    federating, peer, client, alice, django_capture_on_commit_callbacks
):
    from federation.sync import events_follow

    follow_approval_set(member=alice, approval="always")
    _follow(peer, client)
    events_follow()
    assert RemoteFollow.objects.get().state == RemoteFollow.State.PENDING
    follow_approval_set(member=alice, approval="never")
    with django_capture_on_commit_callbacks(execute=False):
        events_follow()
    assert RemoteFollow.objects.get().state == RemoteFollow.State.ACCEPTED
    assert [a["type"] for a in _sent(peer)] == ["Accept"]


def test_many_remote_requests_page_by_cursor_beyond_the_privacy_page(federating, client, alice):
    from django.utils import timezone

    from federation.models import RemoteActor

    for i in range(25):
        actor = RemoteActor.objects.create(
            uri=f"https://far.example/users/p{i}", domain="far.example", username=f"p{i}",
            inbox=f"https://far.example/users/p{i}/inbox", fetched_at=timezone.now(),
        )  # fmt: skip
        RemoteFollow.objects.create(follower=actor, followee=alice)
    client.force_login(alice)
    privacy = client.get("/settings/privacy/").content.decode()
    assert privacy.count("@far.example</a>") == 10
    assert 'href="/settings/privacy/remote-requests/"' in privacy
    seen, url = [], "/settings/privacy/remote-requests/"
    while url:
        page = client.get(url).content.decode()
        seen += re.findall(r"@(p\d+)@far\.example</a>", page)
        older = re.search(r'href="\?cursor=([^"]+)" rel="next"', page)
        url = f"/settings/privacy/remote-requests/?cursor={older[1]}" if older else None
    assert sorted(seen) == sorted(f"p{i}" for i in range(25))
    follow = RemoteFollow.objects.get(follower__username="p3")
    answered = client.post(
        f"/settings/privacy/remote-requests/{follow.pk}/refuse/", {"back": "remote"}
    )
    assert answered.url == "/settings/privacy/remote-requests/"
