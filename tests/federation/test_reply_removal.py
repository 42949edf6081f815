"""A photo's owner removes a reply from another server under their photo (issue #19:
incoming replies "become comments, subject to the same moderation"), as they may delete
any local comment on it: hidden for everyone, refused to anyone else, and kept hidden when
its server later sends an `Update` of it."""

import pytest
from django.urls import reverse
from django.utils import translation

from core.errors import PermissionDenied
from core.models import Event
from federation.models import RemoteReply
from federation.reply_removal import remote_reply_remove
from federation.selectors import federated_photo
from tests.api.conftest import api, token  # noqa: F401  (fixtures)
from tests.federation.recorded import payload, serve
from tests.federation.test_interop import deliver, photo_uri

pytestmark = pytest.mark.django_db

TEXT = "Lovely light!"
EDITED = "the fog, too"


@pytest.fixture
def photo(federating, alice, upload):
    photo = upload(alice, visibility="public", title="Harbour")
    assert federated_photo(photo.pk) is not None
    return photo


@pytest.fixture
def reply(federating, peer, client, photo):
    """Mona's reply from Mastodon to alice's photo, delivered as Mastodon sends it."""
    serve(peer, "mastodon/actor.json")
    created = payload(peer, "mastodon/create-reply.json", PHOTO=photo_uri(photo))
    assert deliver(peer, client, created) == "reply stored"
    return RemoteReply.objects.get(photo=photo)


def _remove_url(reply) -> str:
    return reverse("remote_reply_remove", args=[reply.pk])


def _page(client, photo, viewer=None) -> str:
    client.logout()
    if viewer is not None:
        client.force_login(viewer)
    return client.get(reverse("photo", args=[photo.pk])).content.decode()


def test_the_owner_removes_a_reply_and_it_is_gone_for_everyone(
    client, api, alice, bob, photo, reply, django_capture_on_commit_callbacks
):
    for viewer in (None, bob, alice):  # the shared parts are cached, as they were shown
        assert TEXT in _page(client, photo, viewer)
    assert api().get(f"/photos/{photo.pk}/remote-replies").json()["items"] != []

    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_remove_url(reply), follow=True)
    assert response.redirect_chain[-1][0].endswith(f"/photos/{photo.pk}/#remote-replies")
    html = response.content.decode()
    assert "is removed from your photo" in html and TEXT not in html

    reply.refresh_from_db()
    assert reply.removed_by_owner_at is not None and reply.removed_at is None
    event = Event.objects.get(kind="federation.reply_removed_by_owner")
    assert event.actor_id == alice.pk and event.data["photo_id"] == photo.pk
    for viewer in (None, bob, alice):
        html = _page(client, photo, viewer)
        assert TEXT not in html and "Replies from other servers" not in html
    assert api().get(f"/photos/{photo.pk}/remote-replies").json()["items"] == []


def test_another_member_cannot_remove_a_reply(client, alice, bob, photo, reply):
    client.force_login(bob)
    response = client.post(_remove_url(reply))
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Only the photo’s owner can remove a reply from another server." in page
    assert TEXT in page
    reply.refresh_from_db()
    assert reply.removed_by_owner_at is None
    assert not Event.objects.filter(kind="federation.reply_removed_by_owner").exists()

    with pytest.raises(PermissionDenied):
        remote_reply_remove(actor=bob, reply=reply)
    reply.refresh_from_db()
    assert reply.removed_by_owner_at is None


def test_an_unknown_or_removed_reply_is_not_found(client, alice, reply):
    client.force_login(alice)
    assert client.post(reverse("remote_reply_remove", args=[reply.pk + 1000])).status_code == 404
    remote_reply_remove(actor=alice, reply=reply)
    assert client.post(_remove_url(reply)).status_code == 404  # already hidden
    assert client.get(_remove_url(reply)).status_code == 405  # POST only


def test_a_later_update_from_its_server_does_not_bring_it_back(
    client, peer, alice, photo, reply, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert remote_reply_remove(actor=alice, reply=reply)

    edit = payload(peer, "mastodon/update-reply.json", PHOTO=photo_uri(photo))
    with django_capture_on_commit_callbacks(execute=True):
        assert deliver(peer, client, edit) == "reply updated"

    reply.refresh_from_db()
    assert EDITED in reply.text and reply.removed_by_owner_at is not None
    for viewer in (None, alice):
        assert EDITED not in _page(client, photo, viewer)


def test_the_remove_button_is_shown_to_the_photos_owner_only(client, alice, bob, photo, reply):
    url = _remove_url(reply)
    for viewer in (None, bob):
        html = _page(client, photo, viewer)
        assert TEXT in html and url not in html
    html = _page(client, photo, alice)
    assert url in html and f"Remove reply by {reply.author.address}" in html
    assert f'action="{url}"><input type="hidden" name="csrfmiddlewaretoken"' in html
    assert url not in _page(client, photo, bob)  # the owner's render is not shared


def test_german_strings():
    with translation.override("de"):
        assert translation.gettext("Remove") == "Entfernen"
        for message in (
            "Only the photo’s owner can remove a reply from another server.",
            "The reply by %(address)s is removed from your photo. It stays hidden if it is edited.",
            "No such reply here.",
        ):
            assert translation.gettext(message) != message
