"""Decisions reach every copy (issue 20): a photo removed by a decision, withheld in some
countries, restored after a won appeal, whose owner withdraws consent or erases their
account is followed by the matching Delete, Create or Update to every server that received
it, with retries; the case records the deliveries and the moderator's case page shows them."""

import pytest
from django.utils import timezone

from consent.services.consent import consent_withdraw
from federation.delivery import MAX_ATTEMPTS, delivery_send
from federation.models import Delivery, RemoteActor, RemoteFollow
from federation.sync import events_follow
from moderation.services.appeals import appeal_decide, appeal_submit
from rights.services.erasure import erasure_carry_out, erasure_request
from tests.moderation_fixtures import staff_login
from tests.transparency.conftest import WITHHOLD_ILLEGAL

pytestmark = pytest.mark.django_db


def follower(alice, host: str) -> RemoteActor:
    actor = RemoteActor.objects.create(
        uri=f"https://{host}/users/bob", domain=host, inbox=f"https://{host}/users/bob/inbox",
        shared_inbox=f"https://{host}/inbox", fetched_at=timezone.now(),
    )  # fmt: skip
    RemoteFollow.objects.create(follower=actor, followee=alice, state="accepted")
    return actor


@pytest.fixture
def sent(federating, alice, upload):
    """A public photo of alice's, sent to followers on two servers."""
    follower(alice, "pixelfed.example")
    follower(alice, "mastodon.example")
    photo = upload(alice, visibility="public", title="Harbour")
    events_follow()
    assert Delivery.objects.filter(activity__type="Create").count() == 2
    return photo


def sent_after(kind: str) -> list[Delivery]:
    return list(Delivery.objects.filter(activity__type=kind).order_by("inbox"))


def test_a_removal_reaches_every_server_that_received_the_photo_and_names_the_case(
    sent, alice, report, decide
):
    """The follower on one server left after the photo went out: its server still holds a
    copy and still gets the Delete."""
    RemoteFollow.objects.filter(follower__domain="mastodon.example").delete()
    case = report(sent).case
    decide(case)
    events_follow()
    deletes = sent_after("Delete")
    assert [d.inbox for d in deletes] == [
        "https://mastodon.example/inbox",
        "https://pixelfed.example/inbox",
    ]
    assert {d.case_id for d in deletes} == {case.pk}
    assert deletes[0].activity["object"]["id"] == f"https://candid.test/photos/{sent.pk}/"


def test_withholding_in_some_countries_sends_a_delete(sent, report, decide):
    case = report(sent).case
    decide(case, **WITHHOLD_ILLEGAL, rule_code="", rule_explanation="")
    events_follow()
    assert {d.case_id for d in sent_after("Delete")} == {case.pk}
    assert len(sent_after("Delete")) == 2


def test_restored_after_a_won_appeal_the_photo_is_sent_again(
    sent, alice, report, decide, mod2, django_capture_on_commit_callbacks
):
    case = report(sent).case
    decision = decide(case)
    events_follow()
    appeal = appeal_submit(decision=decision, appellant=alice, explanation="Nobody is named.")
    with django_capture_on_commit_callbacks(execute=True):
        appeal_decide(
            appeal=appeal, moderator=mod2, outcome="reversed", reasons="The report was mistaken."
        )
    events_follow()
    creates = [d for d in sent_after("Create") if d.case_id == case.pk]
    assert len(creates) == 2
    assert creates[0].activity["object"]["id"] == f"https://candid.test/photos/{sent.pk}/"


def test_withdrawing_consent_sends_an_update_with_the_new_terms(sent, alice):
    consent_withdraw(actor=alice, purposes=["ai_training"], reason="I changed my mind.")
    events_follow()
    updates = sent_after("Update")
    assert len(updates) == 2
    assert updates[0].activity["object"]["consent"]["ai_training"] is False
    assert updates[0].activity["object"]["tdmReservation"] == 1


def test_erasing_the_account_sends_a_delete_to_every_server(sent, alice):
    """Sent before the account is anonymised, so the actor named is still alice's."""
    erasure_carry_out(request_id=erasure_request(actor=alice, user=alice).pk)
    events_follow()
    deletes = sent_after("Delete")
    objects = sorted(str(d.activity["object"]) for d in deletes)
    photo = {"id": f"https://candid.test/photos/{sent.pk}/", "type": "Tombstone"}
    assert objects == sorted([str(photo)] * 2 + ["https://candid.test/u/alice/"] * 2)
    assert {d.activity["actor"] for d in deletes} == {"https://candid.test/u/alice/"}
    assert {d.inbox for d in deletes} == {
        "https://mastodon.example/inbox",
        "https://pixelfed.example/inbox",
    }


def test_the_case_page_shows_each_delivery_accepted_retrying_or_failed(
    federating, peer, client, alice, upload, report, decide, mod2
):
    """Real sends to a real peer: one accepted, one refused for now and retried, one
    failed after the last try."""
    for name in ("ana", "ben", "cy"):
        actor = RemoteActor.objects.create(
            uri=f"{peer.base}/users/{name}", domain="127.0.0.1", inbox=f"{peer.base}/{name}/inbox",
            fetched_at=timezone.now(),
        )  # fmt: skip
        RemoteFollow.objects.create(follower=actor, followee=alice, state="accepted")
    photo = upload(alice, visibility="public")
    events_follow()
    case = report(photo).case
    decide(case)
    events_follow()
    ana, ben, cy = sent_after("Delete")
    assert delivery_send(ana.pk) == "delivered"
    peer.status = 503
    assert delivery_send(ben.pk) == "HTTP 503"
    Delivery.objects.filter(pk=cy.pk).update(attempts=MAX_ATTEMPTS - 1)
    assert delivery_send(cy.pk) == "HTTP 503"
    ben.refresh_from_db(), cy.refresh_from_db()
    assert (ben.state, ben.attempts, cy.state) == ("pending", 1, "failed")

    staff_login(client, mod2)
    page = client.get(f"/moderation/cases/{case.pk}/", HTTP_ACCEPT_LANGUAGE="de")
    text = page.content.decode()
    assert "Zustellung an andere Server" in text
    assert "Vom Server angenommen" in text
    assert "Wird erneut versucht (1 Versuch bisher): HTTP 503" in text
    assert f"Gescheitert nach {MAX_ATTEMPTS} Versuchen: HTTP 503" in text


def test_a_suspension_deletes_the_photos_and_its_reversal_sends_them_again(
    sent, alice, report, decide, mod2, mod3, django_capture_on_commit_callbacks
):
    from moderation.services.decisions import decision_approve
    from moderation.services.targets import Target

    case = report(Target("profile", alice)).case
    decision = decide(case, action="suspend", duration_days=7)
    decision_approve(decision=decision, approver=mod2)
    decision.refresh_from_db()
    events_follow()
    assert {d.case_id for d in sent_after("Delete")} == {case.pk}
    appeal = appeal_submit(decision=decision, appellant=alice, explanation="I did nothing wrong.")
    with django_capture_on_commit_callbacks(execute=True):
        appeal_decide(appeal=appeal, moderator=mod3, outcome="reversed", reasons="Mistaken report.")
    events_follow()
    again = [d for d in sent_after("Create") if d.case_id == case.pk]
    assert [d.activity["object"]["id"] for d in again] == [
        f"https://candid.test/photos/{sent.pk}/"
    ] * 2
