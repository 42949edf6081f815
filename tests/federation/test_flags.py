"""Reports from other servers (issue 20): a signed `Flag`, as Mastodon and Mbin send it,
becomes a notice in the moderation queue in its own channel, with a deadline; what cannot
be a notice is kept, with why."""

import pytest

from core.models import Event
from federation.flags import RATE_LIMIT
from federation.models import InboxMessage
from moderation.models import Case, Notice
from tests.federation.recorded import payload, serve
from tests.federation.test_interop import deliver, photo, photo_uri  # noqa: F401
from tests.moderation_fixtures import staff_login

pytestmark = pytest.mark.django_db


def mastodon_flag(peer, photo, **changes) -> dict:  # noqa: F811
    serve(peer, "mastodon/instance-actor.json")
    return {**payload(peer, "mastodon/flag.json", PHOTO=photo_uri(photo)), **changes}


def test_mastodon_flag_with_the_account_first_is_a_notice_about_the_photo(
    federating,
    peer,
    client,
    alice,
    photo,  # noqa: F811
):
    flag = mastodon_flag(peer, photo)
    assert flag["object"][0].endswith("/u/alice/")
    outcome = deliver(peer, client, flag)
    notice = Notice.objects.get()
    assert outcome.startswith(f"notice {notice.reference} filed")
    assert "receipt not confirmed" in outcome
    assert (notice.target_type, notice.target_id) == ("photo", photo.pk)
    assert notice.channel == Notice.Channel.FEDERATION
    assert notice.notifier is None and notice.notifier_name == flag["actor"]
    assert notice.notifier_email == "" and notice.rule is None
    assert "Spam: the same photo posted forty times" in notice.explanation
    assert notice.deadline_at > notice.received_at
    assert Case.objects.get() == notice.case and notice.case.state == "open"
    event = Event.objects.get(kind="moderation.notice_received")  # no receipt was confirmed
    assert event.data["channel"] == "federation" and event.data["receipt_confirmed"] is False


def test_mbin_flag_with_the_post_first_and_to_as_a_string(
    federating,
    peer,
    client,
    alice,
    photo,  # noqa: F811
):
    serve(peer, "mbin/actor.json")
    flag = payload(peer, "mbin/flag.json", PHOTO=photo_uri(photo))
    assert isinstance(flag["to"], str) and flag["object"][0] == photo_uri(photo)
    assert deliver(peer, client, flag).startswith("notice ")
    notice = Notice.objects.get()
    assert (notice.target_type, notice.target_id) == ("photo", photo.pk)
    assert notice.channel == "federation"


@pytest.mark.parametrize("content", ["", None, "absent"])
def test_a_flag_without_a_comment_is_still_a_notice(
    federating,
    peer,
    client,
    alice,
    photo,
    content,  # noqa: F811
):
    flag = mastodon_flag(peer, photo)
    if content == "absent":
        del flag["content"]
    else:
        flag["content"] = content
    assert deliver(peer, client, flag).startswith("notice ")
    assert "sent without a comment" in Notice.objects.get().explanation


def test_a_flag_about_an_account_only_is_a_notice_about_the_profile(
    federating,
    peer,
    client,
    alice,
    photo,  # noqa: F811
):
    flag = mastodon_flag(peer, photo, object="https://candid.test/u/alice/")
    assert deliver(peer, client, flag).startswith("notice ")
    notice = Notice.objects.get()
    assert (notice.target_type, notice.target_id) == ("profile", alice.pk)


def test_a_flag_naming_nothing_here_is_kept_as_not_acted_on(
    federating,
    peer,
    client,
    alice,
    photo,  # noqa: F811
):
    elsewhere = [
        f"{peer.base}/users/mona",
        f"{peer.base}/statuses/1",
        "https://candid.test/u/nobody/",
    ]
    flag = mastodon_flag(peer, photo, object=elsewhere)
    assert deliver(peer, client, flag) == "not acted on: the Flag names nothing on this server"
    assert InboxMessage.objects.get().state == InboxMessage.State.PROCESSED
    assert not Notice.objects.exists()


def test_the_same_flag_delivered_twice_is_one_notice(
    federating,
    peer,
    client,
    alice,
    photo,  # noqa: F811
):
    flag = mastodon_flag(peer, photo)
    deliver(peer, client, flag)
    assert deliver(peer, client, flag).startswith("already received")
    assert Notice.objects.count() == 1


def test_flags_beyond_the_rate_limit_of_a_server_are_kept_not_made_notices(
    federating,
    peer,
    client,
    alice,
    photo,  # noqa: F811
):
    flag = mastodon_flag(peer, photo)
    InboxMessage.objects.bulk_create(
        InboxMessage(actor_uri=flag["actor"], key_id=flag["actor"] + "#main-key",
                     activity_type="Flag", activity={**flag, "id": f"{flag['id']}-{n}"},
                     state=InboxMessage.State.PROCESSED)
        for n in range(RATE_LIMIT)
    )  # fmt: skip
    outcome = deliver(peer, client, flag)
    assert outcome.startswith(f"kept, not acted on: more than {RATE_LIMIT} reports from")
    assert not Notice.objects.exists()


def test_the_case_page_shows_the_channel_and_that_receipt_was_not_confirmed(
    federating,
    peer,
    client,
    alice,
    photo,
    mod,  # noqa: F811
):
    deliver(peer, client, mastodon_flag(peer, photo))
    staff_login(client, mod)
    case = Notice.objects.get().case
    page = client.get(f"/moderation/cases/{case.pk}/", HTTP_ACCEPT_LANGUAGE="de")
    text = page.content.decode()
    assert "über Meldung eines anderen Servers" in text
    assert "Der Eingang wurde dem sendenden Server nicht bestätigt" in text
    assert "Report from 127.0.0.1" in text  # the text as received, in the intake language
