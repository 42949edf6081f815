"""Measures on content from other servers shown here (issue 20): the same notice, case,
decision and statement flow as for members' content; the statement reaches the person
elsewhere as a direct message with a capability link to the full statement and an appeal
form; a member can pass a report on to the content's server as a Flag."""

import re

import pytest
from django.utils import timezone

from core.errors import PermissionDenied
from federation.answers import fediverse_answers
from federation.feed import remote_posts_for
from federation.models import (
    Delivery,
    InboxMessage,
    OutgoingFollow,
    RemoteActor,
    RemotePost,
    RemoteReply,
)
from federation.processing import inbox_message_process
from moderation.models import Appeal, Notice, StatementOfReasons, Strike
from moderation.services.appeals import appeal_decide
from moderation.services.decisions import decision_approve
from moderation.services.targets import target_for_notifier
from tests.moderation_fixtures import staff_login

SUSPENSION = {"action": "suspend", "duration_days": 30}


@pytest.fixture
def carol(db):
    return RemoteActor.objects.create(
        uri="https://social.example/users/carol",
        domain="social.example",
        username="carol",
        inbox="https://social.example/users/carol/inbox",
        shared_inbox="https://social.example/inbox",
        document={"url": "https://social.example/@carol"},
        fetched_at=timezone.now(),
    )


@pytest.fixture
def reply(carol, photo):
    return RemoteReply.objects.create(
        uri="https://social.example/users/carol/statuses/1",
        url="https://social.example/@carol/1",
        author=carol,
        photo=photo,
        text="You people are all idiots.",
        published=timezone.now(),
    )


@pytest.fixture
def post(carol, bob):
    OutgoingFollow.objects.create(follower=bob, followee=carol, state="accepted")
    return RemotePost.objects.create(
        uri="https://social.example/users/carol/statuses/2",
        url="https://social.example/@carol/2",
        author=carol,
        text="A hateful caption",
        attachments=[{"url": "https://social.example/media/2.jpg", "name": ""}],
        published=timezone.now(),
    )


def _statement_dm(carol) -> dict:
    delivery = Delivery.objects.filter(inbox=carol.inbox).order_by("-pk").first()
    assert delivery is not None, "no direct message was queued for the remote person"
    return delivery.activity


def _link(activity: dict) -> str:
    return re.search(r'href="([^"]+)"', activity["object"]["content"])[1]


def test_a_remote_reply_is_reported_by_its_link_and_removed_with_a_direct_message(
    federating, reply, carol, photo, bob, report, decide
):
    target = target_for_notifier(bob, url=reply.url)
    assert (target.type, target.id) == ("remote_reply", reply.pk)
    notice = report(target)
    assert notice.case.target_type == "remote_reply"
    decision = decide(notice.case)

    reply.refresh_from_db()
    assert reply.removed_at is not None
    assert fediverse_answers(photo)["remote_replies"] == []
    statement = StatementOfReasons.objects.get(decision=decision)
    assert statement.recipient is None and statement.remote_recipient == carol
    assert statement.fields["content_type"] == ["CONTENT_TYPE_TEXT"]
    assert not Strike.objects.filter(decision=decision).exists()  # strikes are for members
    activity = _statement_dm(carol)
    note = activity["object"]
    assert activity["type"] == "Create" and note["type"] == "Note"
    assert note["to"] == [carol.uri] and activity["to"] == [carol.uri] and note["cc"] == []
    assert note["tag"] == [{"type": "Mention", "href": carol.uri, "name": "@carol@social.example"}]
    page = f"/moderation/statements/{statement.pk}/{statement.access_token}/"
    assert _link(activity) == f"https://candid.test{page}"
    assert statement.remote_delivery.inbox == carol.inbox


def test_the_person_elsewhere_appeals_through_the_link_and_another_moderator_restores(
    federating, client, reply, carol, photo, report, decide, mod, mod2
):
    decision = decide(report(target_for_notifier(None, url=reply.uri)).case)
    link = _link(_statement_dm(carol)).removeprefix("https://candid.test")
    statement = decision.statement

    page = client.get(link)
    assert page.status_code == 200
    assert "You people are all idiots." in page.content.decode()
    wrong = link.replace(statement.access_token, "x" * len(statement.access_token))
    assert client.get(wrong).status_code == 404

    sent = client.post(link, {"explanation": "I was quoting a film, not insulting anyone."})
    assert sent.status_code == 302
    appeal = Appeal.objects.get(decision=decision)
    assert appeal.role == "affected" and appeal.appellant is None
    with pytest.raises(PermissionDenied):
        appeal_decide(appeal=appeal, moderator=mod, outcome="reversed", reasons="I erred here.")
    appeal_decide(appeal=appeal, moderator=mod2, outcome="reversed", reasons="A film quote.")

    reply.refresh_from_db()
    assert reply.removed_at is None
    assert fediverse_answers(photo)["remote_replies"] == [reply]
    outcome = _statement_dm(carol)["object"]["content"]
    assert appeal.reference in outcome and "Decision reversed" in outcome
    assert "Decision reversed" in client.get(link).content.decode()


def test_a_remote_post_is_hidden_here(federating, post, bob, report, decide):
    decision = decide(report(target_for_notifier(bob, url=post.uri)).case)
    assert list(remote_posts_for(bob)) == []
    assert decision.statement.fields["content_type"] == ["CONTENT_TYPE_IMAGE"]
    assert decision.statement.fields["source_type"] == "SOURCE_TYPE_OTHER_NOTIFICATION"


def test_muting_a_remote_account_hides_its_replies_but_not_its_posts_to_followers(
    federating, reply, post, carol, photo, bob, report, decide
):
    notice = report(target_for_notifier(bob, url=carol.uri), kind="")
    assert notice.target_type == "remote_account"
    decide(notice.case, action="restrict")
    carol.refresh_from_db()
    assert carol.muted_at is not None
    assert fediverse_answers(photo)["remote_replies"] == []
    assert list(remote_posts_for(bob)) == [post]


def test_a_suspended_remote_account_is_not_accepted_or_shown(
    federating, reply, post, carol, photo, bob, report, decide, mod2
):
    decision = decide(report(target_for_notifier(bob, url=carol.uri)).case, **SUSPENSION)
    decision_approve(decision=decision, approver=mod2)  # four eyes, as for members
    carol.refresh_from_db()
    assert carol.suspended_until > timezone.now()
    assert fediverse_answers(photo)["remote_replies"] == []
    assert list(remote_posts_for(bob)) == []
    message = InboxMessage.objects.create(
        actor_uri=carol.uri,
        key_id=f"{carol.uri}#main-key",
        activity_type="Like",
        activity={"type": "Like", "actor": carol.uri, "object": "https://candid.test/p/1"},
    )
    assert "suspended" in inbox_message_process(message.pk)
    message.refresh_from_db()
    assert message.state == "ignored"


def test_a_member_passes_a_report_on_to_the_server_without_naming_themselves(
    federating, client, post, carol, bob, mod
):
    client.force_login(bob)
    response = client.post(
        "/report/",
        {
            "url": post.url,
            "ground": "rules",
            "rule": "harassment",
            "explanation": "This post harasses a neighbour of mine.",
            "send_to_server": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    notice = Notice.objects.get(target_type="remote_post", target_id=post.pk)
    assert notice.forwarded_to == "social.example" and not notice.forwarded_with_identity
    flag = notice.forward_delivery.activity
    assert notice.forward_delivery.inbox == carol.shared_inbox
    assert flag["type"] == "Flag" and flag["actor"] == "https://candid.test/actor/"
    assert set(flag["object"]) == {carol.uri, post.uri}
    assert flag["id"].startswith("https://candid.test/")
    assert "bob" not in str(flag) and "harasses a neighbour" in flag["content"]

    staff_login(client, mod)
    case_page = client.get(f"/moderation/cases/{notice.case_id}/").content.decode()
    assert "also sent to social.example" in case_page
    assert "without naming the notifier" in case_page
    assert "A hateful caption" in case_page
    assert "By @carol@social.example" in case_page
    assert notice.forward_delivery.case_id == notice.case_id  # listed with its live state
    assert "<td>Flag</td>" in case_page and "Sent, waiting for the server" in case_page
    queue = client.get("/moderation/").content.decode()
    assert "Post from another server" in queue and "by @carol@social.example" in queue


def test_the_notifier_may_choose_to_be_named(federating, client, post, bob):
    client.force_login(bob)
    client.post(
        "/report/",
        {
            "url": post.uri,
            "ground": "rules",
            "rule": "harassment",
            "explanation": "This post harasses a neighbour of mine.",
            "send_to_server": "on",
            "share_identity": "on",
        },
    )
    notice = Notice.objects.get(target_type="remote_post")
    assert notice.forwarded_with_identity
    assert "https://candid.test/u/bob/" in notice.forward_delivery.activity["content"]


def test_a_foreign_link_to_nothing_shown_here_is_refused(federating, client, bob):
    client.force_login(bob)
    response = client.post(
        "/report/",
        {
            "url": "https://social.example/@nobody/9",
            "ground": "rules",
            "rule": "harassment",
            "explanation": "This post harasses a neighbour of mine.",
        },
    )
    assert response.status_code == 400
    assert "neither to Candid nor" in response.content.decode()
    assert not Notice.objects.exists()


def test_a_servers_direct_message_to_a_member_becomes_a_moderation_notice(federating, bob):
    from notifications.models import Notification

    server = RemoteActor.objects.create(
        uri="https://other.example/actor/",
        domain="other.example",
        kind="Application",
        inbox="https://other.example/inbox/",
        fetched_at=timezone.now(),
    )
    link = "https://other.example/moderation/statements/4/abc/"
    note = {
        "id": "https://other.example/actor/#messages/1",
        "type": "Note",
        "attributedTo": server.uri,
        "to": ["https://candid.test/u/bob/"],
        "content": "<p>@bob</p><p>other.example has taken a measure.</p>",
        "url": link,
    }
    message = InboxMessage.objects.create(
        actor_uri=server.uri,
        key_id=f"{server.uri}#main-key",
        activity_type="Create",
        activity={"type": "Create", "actor": server.uri, "object": note},
    )
    assert "for 1 member" in inbox_message_process(message.pk)
    notice = Notification.objects.get(recipient=bob)
    assert notice.kind == "moderation" and notice.url == link
    assert "has taken a measure" in notice.title


def test_the_statement_page_speaks_german(federating, client, reply, carol, report, decide):
    decision = decide(report(target_for_notifier(None, url=reply.uri)).case)
    link = _link(_statement_dm(carol)).removeprefix("https://candid.test")
    page = client.get(link, HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Begründung" in page and "kein Candid-Konto" in page
    assert "Ihr Antwortbeitrag von einem anderen Server" in page
    assert decision.statement.puid in page and "Adresse (ActivityPub-ID)" in page


def test_the_report_link_beside_a_remote_reply_offers_to_send_it_to_their_server(
    federating, client, reply, photo, bob
):
    client.force_login(bob)
    page = client.get(f"/photos/{photo.pk}/").content.decode()
    link = f"/report/?type=remote_reply&amp;id={reply.pk}"
    assert link in page
    form = client.get(link.replace("&amp;", "&")).content.decode()
    assert "reply by @carol@social.example to photo" in form
    assert 'name="send_to_server"' in form and 'name="share_identity"' in form
    client.logout()
    assert 'name="send_to_server"' not in client.get(link.replace("&amp;", "&")).content.decode()


def test_a_wish_to_pass_on_a_report_about_local_content_is_refused_and_nothing_filed(
    federating, client, photo, bob
):
    """The form and the API refuse alike (moderation.services.forwarding)."""
    client.force_login(bob)
    response = client.post(
        "/report/",
        {
            "target_type": "photo",
            "target_id": photo.pk,
            "ground": "rules",
            "rule": "harassment",
            "explanation": "This photo harasses a neighbour of mine.",
            "send_to_server": "on",
        },
    )
    assert response.status_code == 400
    assert "Only reports about content from another server" in response.content.decode()
    assert not Notice.objects.exists()
