"""Reports across the border (issue 20): forged Flags are refused before anything is stored
and so never counted; Pixelfed's Flag is accepted and counted; a server whose reports are
repeatedly manifestly unfounded is warned, then its reports are kept but not processed for
a period (DSA Art. 23), each measure logged with its statement sent to that server."""

import json
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from core.models import Event
from federation.models import Delivery, InboxMessage
from federation.sync import events_follow
from moderation.models import MisuseMeasure, ModerationPolicy, Notice
from tests.federation.keys import remote_keys
from tests.federation.peer import Peer
from tests.federation.recorded import key_name, payload, post, serve
from tests.federation.test_flags import mastodon_flag
from tests.federation.test_interop import deliver, photo, photo_uri  # noqa: F401
from tests.moderation_fixtures import NO_ACTION
from transparency.reports.dsa import dsa_report
from transparency.reports.netzdg import netzdg_report

pytestmark = pytest.mark.django_db


def federated_counted() -> list[int]:
    """The 'another server's report' row of the NetzDG and DSA reports of this year."""
    year = timezone.now().year
    half = f"{year}-H{1 if timezone.now().month <= 6 else 2}"
    counts = []
    for report in (netzdg_report(half, lang="en"), dsa_report(str(year), lang="en")):
        rows = {row[0]: row[1:] for row in {t.key: t for t in report.tables}["by_channel"].rows}
        counts.append(rows.get("Another server's report", [0])[0])
    return counts


# Forged Flags


def test_a_flag_with_a_wrong_signature_is_refused_stored_nowhere_and_not_counted(
    federating,
    peer,
    client,
    alice,
    photo,  # noqa: F811
):
    flag = mastodon_flag(peer, photo)
    serve(peer, "mastodon/actor.json")  # signs with Mona's key, claims the instance actor
    response = post(peer, client, flag, signer=f"{peer.base}/users/mona")
    assert response.status_code == 401
    assert not InboxMessage.objects.exists() and not Notice.objects.exists()
    assert federated_counted() == [0, 0]


def test_a_flag_whose_id_is_on_another_server_is_refused_before_it_is_stored(
    federating,
    peer,
    client,
    alice,
    photo,  # noqa: F811
):
    flag = mastodon_flag(peer, photo, id="https://elsewhere.example/reports/1")
    response = post(peer, client, flag)
    assert response.status_code == 401
    assert b"actor of the server it names" in response.content
    assert not InboxMessage.objects.exists() and not Notice.objects.exists()
    assert federated_counted() == [0, 0]


def test_a_flag_signed_by_a_key_on_another_server_is_refused_and_not_counted(
    federating,
    peer,
    client,
    alice,
    photo,  # noqa: F811
):
    """The claimed server's actor names a key held on another host (the forger's): the key
    belongs to the actor, so only the host check stops the Flag."""
    forger = Peer()
    try:
        flag = mastodon_flag(peer, photo)
        actor = peer.documents["/actor"]
        _, public_pem = remote_keys(key_name(flag["actor"]))
        key_id = f"{forger.base}/keys/1"
        actor["publicKey"] = {"id": key_id, "owner": actor["id"], "publicKeyPem": public_pem}
        forger.documents["/keys/1"] = dict(actor["publicKey"])
        response = peer.signed_post(
            client, "/inbox/", flag, name=key_name(flag["actor"]),
            site="https://candid.test", key_id=key_id,
        )  # fmt: skip
        assert response.status_code == 401, response.content
        assert b"actor of the server it names" in response.content
    finally:
        forger.close()
    assert not InboxMessage.objects.exists() and not Notice.objects.exists()
    assert federated_counted() == [0, 0]


def test_pixelfed_flag_from_its_instance_actor_is_accepted_and_counted(
    federating,
    peer,
    client,
    alice,
    photo,  # noqa: F811
):
    serve(peer, "pixelfed/instance-actor.json")
    flag = payload(peer, "pixelfed/flag.json", PHOTO=photo_uri(photo))
    assert urlsplit(flag["id"]).netloc == urlsplit(flag["actor"]).netloc
    assert isinstance(flag["to"], str) and flag["object"][0] == photo_uri(photo)
    assert deliver(peer, client, flag).startswith("notice ")
    notice = Notice.objects.get()
    assert notice.channel == Notice.Channel.FEDERATION
    assert (notice.target_type, notice.target_id) == ("photo", photo.pk)
    assert notice.notifier_name == flag["actor"]
    assert federated_counted() == [1, 1]


# DSA Art. 23 for a server as a notifier


@pytest.fixture
def strict_policy(db):
    policy = ModerationPolicy.current()
    policy.misuse_warning_after, policy.misuse_suspend_after = 1, 2
    policy.misuse_suspension_days = 7
    policy.save()
    return policy


def flag_and_reject(peer, client, photo, decide, number: int) -> Notice:  # noqa: F811
    flag = mastodon_flag(peer, photo, id=f"{peer.base}/reports/{number}")
    assert deliver(peer, client, flag).startswith("notice ")
    notice = Notice.objects.latest("pk")
    decide(notice.case, **NO_ACTION, unfounded_notice_ids=[notice.pk])
    return notice


def test_unfounded_flags_bring_a_warning_then_a_suspension_of_the_server(
    federating, peer, client, alice, upload, decide, strict_policy
):
    server = urlsplit(peer.base).netloc
    first = flag_and_reject(peer, client, upload(alice, visibility="public"), decide, 1)
    warning = MisuseMeasure.objects.get(server=server)
    assert (warning.level, warning.user, warning.email) == ("warning", None, "")
    assert "1 of the 1 reports" in warning.statement and "Art. 23" in warning.statement
    assert first.manifestly_unfounded is False  # the row as read before the decision
    flag_and_reject(peer, client, upload(alice, visibility="public"), decide, 2)
    suspension = MisuseMeasure.objects.filter(server=server).latest("pk")
    assert suspension.level == "suspended"
    assert (suspension.ends_at - suspension.starts_at).days == 7
    assert "kept but not processed" in suspension.statement
    logged = Event.objects.filter(kind="moderation.misuse_measure", data__server=server)
    assert [e.data["level"] for e in logged.order_by("pk")] == ["warning", "suspended"]

    third = mastodon_flag(peer, upload(alice, visibility="public"), id=f"{peer.base}/reports/3")
    outcome = deliver(peer, client, third)
    assert outcome.startswith(f"kept, not acted on: reports from {server} are suspended until")
    assert InboxMessage.objects.latest("pk").activity["id"] == third["id"]  # kept
    assert Notice.objects.count() == 2


def test_a_server_measure_never_mails_and_reaches_the_server_as_a_private_note(
    federating, peer, client, alice, upload, decide, strict_policy, mailoutbox
):
    flag_and_reject(peer, client, upload(alice, visibility="public"), decide, 1)
    assert not mailoutbox
    events_follow()
    note = Delivery.objects.get(activity__type="Create").activity
    assert note["object"]["type"] == "Note"
    assert note["to"] == [f"{peer.base}/actor"] and note["object"]["to"] == [f"{peer.base}/actor"]
    assert "Art. 23" in note["object"]["content"]
    assert json.dumps(note).count("https://www.w3.org/ns/activitystreams#Public") == 0


def test_unfounded_flags_of_one_server_do_not_count_against_an_anonymous_web_notifier(
    federating, peer, client, alice, upload, decide, strict_policy
):
    """Notices from servers carry no email; they must not be matched to other notices
    without one, nor one server's to another's."""
    flag_and_reject(peer, client, upload(alice, visibility="public"), decide, 1)
    assert not MisuseMeasure.objects.filter(server="").exists()


def test_the_case_page_shows_the_measure_against_the_reporting_server(
    federating, peer, client, alice, upload, decide, strict_policy, mod2
):
    from tests.moderation_fixtures import staff_login

    flag_and_reject(peer, client, upload(alice, visibility="public"), decide, 1)
    flag = mastodon_flag(peer, upload(alice, visibility="public"), id=f"{peer.base}/reports/2")
    deliver(peer, client, flag)
    staff_login(client, mod2)
    case = Notice.objects.latest("pk").case
    page = client.get(f"/moderation/cases/{case.pk}/", HTTP_ACCEPT_LANGUAGE="de")
    assert "Maßnahme gegen diesen Server (Art. 23 DSA): Warnung" in page.content.decode()
