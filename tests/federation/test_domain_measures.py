"""Measures on other servers as logged, reasoned decisions (issue #20): limit, block and
media rejection, lifting, what each does, and who is told."""

import pytest
from django.core.management import CommandError, call_command

from core.errors import PermissionDenied, ServiceError
from core.models import Event, OutgoingMail
from federation import domains
from federation.domain_measures import MeasureEntry, domain_measure_lift, domain_measure_set
from federation.models import (
    DomainBlock,
    DomainDecision,
    InboxMessage,
    OutgoingFollow,
    RemoteActor,
    RemoteFollow,
)
from federation.processing import inbox_message_process
from notifications.models import Notification
from tests.federation.conftest import SITE
from tests.federation.test_inbox import INBOX, follow_of

pytestmark = pytest.mark.django_db
WEB = DomainDecision.Source.WEB


def actor(domain: str, name: str = "bob") -> RemoteActor:
    return RemoteActor.objects.create(
        uri=f"https://{domain}/users/{name}",
        domain=domain,
        username=name,
        inbox=f"https://{domain}/users/{name}/inbox",
        fetched_at="2026-01-01T00:00:00Z",
    )


def block(mod, domain="spam.example", reason="Spam waves from open sign-ups", **kw):
    entry = MeasureEntry(domain=domain, kind=kw.pop("kind", "block"), public_reason=reason, **kw)
    return domain_measure_set(moderator=mod, entry=entry, source=WEB)


def test_a_block_is_a_logged_decision_that_ends_follows_both_ways(federating, mod, alice, bob):
    bob_there = actor("spam.example")
    carol_on_sub = actor("media.spam.example", "carol")
    dora_elsewhere = actor("fine.example", "dora")
    RemoteFollow.objects.create(follower=bob_there, followee=alice, state="accepted")
    RemoteFollow.objects.create(follower=dora_elsewhere, followee=alice, state="accepted")
    OutgoingFollow.objects.create(follower=alice, followee=carol_on_sub, state="accepted")
    OutgoingFollow.objects.create(follower=bob, followee=bob_there, state="pending")

    decision = block(mod, "Spam.Example.")

    assert decision.domain == "spam.example" and decision.moderator == mod
    assert decision.public_reason == "Spam waves from open sign-ups"
    assert decision.follows_ended == 3
    measure = DomainBlock.objects.get()
    assert (measure.domain, measure.kind) == ("spam.example", "block")
    assert list(RemoteFollow.objects.values_list("follower__domain", flat=True)) == ["fine.example"]
    assert not OutgoingFollow.objects.exists()
    event = Event.objects.get(kind="moderation.server_measure")
    assert event.chain_seq is not None and event.actor == mod
    assert event.data["domain"] == "spam.example" and event.data["level"] == "imposed"
    assert event.data["kind"] == "block" and event.data["follows_ended"] == 3
    assert event.private["public_reason"] == "Spam waves from open sign-ups"


def test_members_who_lose_follows_are_told_which_server_and_why(federating, mod, alice, bob):
    bob.language = "de"
    bob.save()
    RemoteFollow.objects.create(follower=actor("spam.example"), followee=alice, state="accepted")
    OutgoingFollow.objects.create(follower=bob, followee=actor("spam.example", "eve"))

    block(mod)

    told = Notification.objects.get(recipient=alice)
    assert told.kind == "moderation" and told.url == "/transparency/servers/"
    assert "spam.example" in told.title and "Spam waves from open sign-ups" in told.title
    mail = OutgoingMail.objects.get(recipient=alice.email)
    assert "spam.example" in mail.body and "Reason: Spam waves from open sign-ups" in mail.body
    assert "1 follower there no longer follows you." in mail.body
    german = Notification.objects.get(recipient=bob)
    assert "Candid hat den Server spam.example gesperrt" in german.title
    assert (
        "Sie folgen dort 1 Konto nicht mehr." in OutgoingMail.objects.get(recipient=bob.email).body
    )
    assert not Notification.objects.filter(recipient=mod).exists()


def test_lifting_is_a_logged_decision_and_the_server_is_no_longer_blocked(mod):
    block(mod)
    assert domains.blocked("spam.example")

    lifted = domain_measure_lift(
        moderator=mod, domain="spam.example", public_reason="They closed sign-ups", source=WEB
    )

    assert lifted.action == "lift" and lifted.public_reason == "They closed sign-ups"
    assert not DomainBlock.objects.exists() and not domains.blocked("spam.example")
    levels = Event.objects.filter(kind="moderation.server_measure").order_by("chain_seq")
    assert [e.data["level"] for e in levels] == ["imposed", "lifted"]


def test_a_measure_covers_subdomains_and_each_kind_means_what_it_says(mod):
    block(mod, "blocked.example")
    block(mod, "limited.example", kind="limit", reject_media=True)
    block(mod, "quiet.example", kind="limit")
    block(mod, "gory.example", kind="reject_media")

    assert domains.blocked("a.blocked.example") and not domains.blocked("limited.example")
    assert domains.limited("limited.example") and domains.limited("x.quiet.example")
    assert not domains.limited("gory.example") and not domains.limited("fine.example")
    assert domains.media_rejected("cdn.gory.example") and domains.media_rejected("limited.example")
    assert domains.media_rejected("blocked.example") and not domains.media_rejected("quiet.example")
    assert not domains.media_rejected("notblocked.example")


def test_changing_a_measure_keeps_one_row_and_logs_the_change(mod):
    block(mod, kind="limit")
    block(mod, reason="Worse now: harassment campaigns")

    assert DomainBlock.objects.get().kind == "block"
    assert DomainDecision.objects.count() == 2
    levels = Event.objects.filter(kind="moderation.server_measure").order_by("chain_seq")
    assert [e.data["level"] for e in levels] == ["imposed", "changed"]


@pytest.mark.parametrize(
    ("domain", "reason", "message"),
    [
        ("not a server", "Spam", "is not a server name"),
        ("sp*m.example", "Spam", "is obfuscated"),
        ("spam.example", "   ", "Give the public reason"),
        ("candid.test", "Spam", "Candid’s own server"),
    ],
)
def test_bad_input_is_refused_and_changes_nothing(federating, mod, domain, reason, message):
    with pytest.raises(ServiceError, match=message):
        block(mod, domain, reason)
    assert not DomainBlock.objects.exists() and not DomainDecision.objects.exists()
    assert not Event.objects.filter(kind="moderation.server_measure").exists()


def test_lifting_what_is_not_there_is_refused(mod):
    with pytest.raises(ServiceError, match="no measure on nothing.example"):
        domain_measure_lift(moderator=mod, domain="nothing.example", public_reason="x", source=WEB)
    assert not DomainDecision.objects.exists()


def test_only_moderators_decide(alice):
    with pytest.raises(PermissionDenied):
        block(alice)
    assert not DomainBlock.objects.exists()


def test_the_command_imposes_and_lifts_with_a_reason():
    call_command("federation_domain", "spam.example", kind="limit", reason="Unmoderated")
    decision = DomainDecision.objects.get()
    assert (decision.source, decision.moderator, decision.action) == ("command", None, "limit")
    call_command("federation_domain", "spam.example", kind="lift", reason="Moderated now")
    assert not DomainBlock.objects.exists()
    with pytest.raises(CommandError, match="no measure on spam.example"):
        call_command("federation_domain", "spam.example", kind="lift", reason="Again")


def test_a_follow_from_a_limited_server_waits_for_the_members_approval(
    federating, peer, client, alice, mod, django_capture_on_commit_callbacks
):
    block(mod, "127.0.0.1", "Unmoderated sign-ups", kind="limit")
    peer.actor("bob")
    peer.signed_post(client, INBOX, follow_of(peer), name="bob", site=SITE)

    with django_capture_on_commit_callbacks(execute=False):
        assert inbox_message_process(InboxMessage.objects.get().pk) == (
            "pending the member's approval"
        )
    assert RemoteFollow.objects.get().state == RemoteFollow.State.PENDING


def test_an_obfuscated_server_is_masked_in_the_public_log_too(mod):
    block(mod, "hidden.example", obfuscate=True)
    domain_measure_lift(moderator=mod, domain="hidden.example", public_reason="Over", source=WEB)
    logged = Event.objects.filter(kind="moderation.server_measure")
    assert {e.data["domain"] for e in logged} == {"h*d*e*.example"}
    assert all("hidden.example" not in e.public for e in logged)
