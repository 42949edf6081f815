"""A member's change to what their actor document says reaches their followers on other
servers as one `Update` of the whole `Person` per shared inbox (issue 19), read from the
event log by the worker (federation/actor_updates.py)."""

import io

import pytest

from accounts.services import preferences_update, profile_update, search_indexing_set
from consent.services.consent import consent_set, consent_withdraw
from federation.models import Delivery, RemoteActor, RemoteFollow
from federation.services import findable_set
from federation.sync import events_follow
from photos.samples import sample_jpeg
from social.audience_services import follow_approval_set
from tests.federation.test_outgoing_documents import AS, kept_whole

pytestmark = pytest.mark.django_db
ALICE = "https://candid.test/u/alice/"


def follower(member, name: str, server: str, shared: bool = True) -> RemoteActor:
    actor = RemoteActor.objects.create(
        uri=f"https://{server}/users/{name}",
        domain=server,
        inbox=f"https://{server}/users/{name}/inbox",
        shared_inbox=f"https://{server}/inbox" if shared else "",
        fetched_at="2026-01-01T00:00:00Z",
    )
    RemoteFollow.objects.create(follower=actor, followee=member, state="accepted")
    return actor


@pytest.fixture
def followed(alice):
    """Two followers on Mastodon (one shared inbox), one on Pixelfed."""
    follower(alice, "bob", "mastodon.example")
    follower(alice, "carol", "mastodon.example")
    follower(alice, "dan", "pixelfed.example")
    events_follow()  # what happened before (the account's creation) is read
    Delivery.objects.all().delete()
    return alice


def updates() -> list[Delivery]:
    return list(Delivery.objects.filter(activity__type="Update").order_by("pk"))


def edit_profile(user, **changes):
    fields = {"display_name": user.display_name, "bio": user.bio} | changes
    return profile_update(user=user, **fields)


def test_editing_the_profile_sends_the_whole_person_once_per_shared_inbox(
    federating, followed, media_dir
):
    avatar = io.BytesIO(sample_jpeg(300, 300, seed=3))
    edit_profile(followed, display_name="Alice Harbour", bio="Fog & boats", avatar_file=avatar)
    events_follow()
    events_follow()  # read again: nothing sent twice

    sent = updates()
    assert sorted(d.inbox for d in sent) == [
        "https://mastodon.example/inbox",
        "https://pixelfed.example/inbox",
    ]
    activity = sent[0].activity
    assert activity["actor"] == ALICE and activity["type"] == "Update"
    person = activity["object"]
    assert (person["id"], person["type"]) == (ALICE, "Person")
    assert person["name"] == "Alice Harbour"
    assert person["summary"] == "<p>Fog &amp; boats</p>"
    assert person["icon"]["url"].startswith("https://candid.test/")
    assert person["publicKey"]["owner"] == ALICE
    top = kept_whole(activity)
    assert top["@type"] == [AS + "Update"]
    assert top[AS + "object"][0]["@type"] == [AS + "Person"]
    assert {d.sender.user_id for d in sent} == {followed.pk}  # signed by alice's key


def test_the_person_sent_is_the_one_served(federating, followed, ap_get):
    edit_profile(followed, display_name="Alice Fog")
    events_follow()
    served = ap_get("/u/alice/").json()
    sent = updates()[0].activity
    assert sent["@context"] == served.pop("@context")
    assert sent["object"] == served


def test_withdrawing_ai_training_consent_sends_indexable_false(federating, followed):
    consent_set(user=followed, purpose="ai_training", allowed=True)
    events_follow()
    assert updates()[-1].activity["object"]["indexable"] is True

    consent_withdraw(actor=followed, purposes=["ai_training"], reason="Changed my mind.")
    events_follow()

    last = updates()[-2:]
    assert [d.activity["object"]["indexable"] for d in last] == [False, False]
    assert len(updates()) == 4


def test_asking_not_to_be_indexed_sends_discoverable_and_indexable_false(federating, followed):
    search_indexing_set(user=followed, noindex=True)
    events_follow()
    person = updates()[0].activity["object"]
    assert (person["discoverable"], person["indexable"]) == (False, False)


def test_nothing_is_sent_when_the_instance_stopped_federating(federating, followed, settings):
    edit_profile(followed, display_name="Off")
    settings.CANDID_FEDERATION = False
    events_follow()
    assert not updates()


def test_a_suspended_member_sends_nothing(federating, followed):
    followed.suspended_until = "2100-01-01T00:00:00Z"
    followed.save(update_fields=["suspended_until"])
    edit_profile(followed, display_name="Still here")
    events_follow()
    assert not updates()


def test_a_member_who_left_federation_sends_no_update(federating, followed):
    findable_set(user=followed, findable=False)
    edit_profile(followed, display_name="Gone elsewhere")
    events_follow()
    assert not updates()
    assert [d.activity["type"] for d in Delivery.objects.all()] == ["Delete", "Delete"]


def test_changes_that_leave_the_person_as_it_was_send_nothing(federating, followed):
    edit_profile(followed, display_name="Alice Fog")
    events_follow()
    assert len(updates()) == 2

    edit_profile(followed, display_name="Alice Fog")  # saved unchanged
    preferences_update(user=followed, language="de", time_zone="")
    consent_set(user=followed, purpose="biometric", allowed=True)  # not in the Person
    events_follow()

    assert len(updates()) == 2


def test_a_member_without_remote_followers_sends_nothing(federating, alice):
    edit_profile(alice, display_name="Nobody elsewhere")
    events_follow()
    assert not Delivery.objects.exists()


def test_asking_to_approve_followers_sends_manually_approves_followers(federating, followed):
    follow_approval_set(member=followed, approval="always")
    events_follow()
    assert updates()[0].activity["object"]["manuallyApprovesFollowers"] is True
