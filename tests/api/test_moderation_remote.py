"""The API takes reports about content from other servers shown here (issue 20), and a
moderator's case names that content by its own address."""

from django.utils import timezone

from federation.models import RemoteActor, RemoteReply
from moderation.models import Notice


def test_a_remote_reply_is_reported_through_the_api_and_its_case_names_its_address(
    settings, photo, bob, mod, api
):
    settings.CANDID_FEDERATION = True
    carol = RemoteActor.objects.create(
        uri="https://social.example/users/carol",
        domain="social.example",
        username="carol",
        inbox="https://social.example/users/carol/inbox",
        fetched_at=timezone.now(),
    )
    reply = RemoteReply.objects.create(
        uri="https://social.example/users/carol/statuses/1",
        author=carol,
        photo=photo,
        text="Insulting words.",
        published=timezone.now(),
    )
    notice = {
        "target_url": reply.uri,
        "ground": "rules",
        "rule": "harassment",
        "explanation": "The reply insults the photographer by name.",
    }
    response = api(bob).post("/notices", notice)
    assert response.status_code == 201, response.json()
    stored = Notice.objects.get()
    assert (stored.target_type, stored.target_id) == ("remote_reply", reply.pk)
    case = api(mod).get(f"/moderation/cases/{stored.case_id}").json()
    assert case["target_type"] == "remote_reply" and case["target_url"] == reply.uri
    assert case["target_owner"] is None


def test_a_member_sends_an_api_report_on_to_the_server(settings, photo, bob, mod, api):
    settings.CANDID_FEDERATION = True
    carol = RemoteActor.objects.create(
        uri="https://social.example/users/carol",
        domain="social.example",
        username="carol",
        inbox="https://social.example/users/carol/inbox",
        shared_inbox="https://social.example/inbox",
        fetched_at=timezone.now(),
    )
    notice = {
        "target_url": carol.uri,
        "ground": "rules",
        "rule": "harassment",
        "explanation": "This account threatens members here.",
        "send_to_server": True,
    }
    assert api(bob).post("/notices", notice).status_code == 201
    stored = Notice.objects.get()
    assert stored.forwarded_to == "social.example" and not stored.forwarded_with_identity
    flag = stored.forward_delivery.activity
    assert flag["type"] == "Flag" and flag["object"] == [carol.uri]
    assert stored.forward_delivery.inbox == carol.shared_inbox
    [shown] = api(mod).get(f"/moderation/cases/{stored.case_id}").json()["notices"]
    assert shown["forwarded_to"] == "social.example"
    assert shown["forwarded_with_identity"] is False and shown["forwarded_at"]


def test_sending_a_report_on_about_a_photo_from_here_is_refused_and_files_nothing(
    settings, photo, bob, api
):
    settings.CANDID_FEDERATION = True
    response = api(bob).post("/notices", _sent_on(photo))
    assert response.status_code == 400
    assert "another server" in response.json()["detail"]
    assert not Notice.objects.exists()


def test_a_report_sent_on_without_an_account_is_refused_and_files_nothing(settings, photo, client):
    settings.CANDID_FEDERATION = True
    notice = _sent_on(photo, notifier_name="Visitor", notifier_email="visitor@example.org")
    response = client.post("/api/v1/notices", notice, content_type="application/json")
    assert response.status_code == 400
    assert "signed-in members" in response.json()["detail"]
    assert not Notice.objects.exists()


def _sent_on(photo, **notifier) -> dict:
    """A report about a photo here that asks to be sent on to another server."""
    return {
        "target_type": "photo",
        "target_id": photo.pk,
        "ground": "rules",
        "rule": "harassment",
        "explanation": "The caption insults someone.",
        "send_to_server": True,
        **notifier,
    }
