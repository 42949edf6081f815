"""The trainers' change feed is public: it lists only photos anyone may see, and an approved
depicted-person exclusion reaches it as a refusal of every purpose."""

from django.utils import timezone

from consent.models import ConsentChange, Purpose
from consent.services.consent import GENESIS, consent_set, photo_consent_set
from consent.services.depicted import depicted_request_decide, depicted_request_submit
from core.models import Event
from photos.models import Photo
from tests.api.conftest import ApiClient
from tests.consent.releases_support import PURPOSE


def feed(cursor: str = "", limit: int = 500) -> dict:
    response = ApiClient().get("/trainers/changes", cursor=cursor, limit=limit)
    assert response.status_code == 200, response.content
    return response.json()


def listed(body: dict) -> set[int]:
    return {item["photo_id"] for item in body["items"]}


def submit(photo):
    return depicted_request_submit(
        photo=photo, name="Dana", email="dana@example.org", relation="self"
    )


def test_an_account_change_lists_only_the_owners_public_photos(alice, upload):
    public = upload(alice, title="Pier")
    private = upload(alice, title="Secret", visibility="private")
    followers = upload(alice, title="Friends", visibility="followers")
    removed = upload(alice, title="Removed")
    Photo.objects.filter(pk=removed.pk).update(removed_at=timezone.now())
    consent_set(user=alice, purpose=PURPOSE, allowed=True)
    body = feed()
    assert listed(body) == {public.pk}
    assert {private.pk, followers.pk, removed.pk}.isdisjoint(listed(body))


def test_paging_through_an_account_change_never_reaches_its_private_photos(alice, upload):
    first = upload(alice)
    hidden = upload(alice, visibility="private")
    last = upload(alice)
    consent_set(user=alice, purpose=PURPOSE, allowed=True)
    seen, cursor = [], ""
    for _ in range(4):
        body = feed(cursor, limit=1)
        seen += [item["photo_id"] for item in body["items"]]
        cursor = body["next_cursor"]
    assert seen == [first.pk, last.pk] and hidden.pk not in seen


def test_photo_level_changes_on_non_public_photos_are_not_listed(alice, bob, upload):
    private = upload(alice, visibility="private")
    followers = upload(alice, visibility="followers")
    public = upload(bob)
    for photo, owner in ((private, alice), (followers, alice), (public, bob)):
        photo_consent_set(actor=owner, photo=photo, purpose=PURPOSE, allowed=True)
    assert [(i["photo_id"], i["scope"]) for i in feed()["items"]] == [(public.pk, "photo")]


def test_a_photo_made_private_after_its_change_leaves_the_feed(alice, upload):
    photo = upload(alice)
    photo_consent_set(actor=alice, photo=photo, purpose=PURPOSE, allowed=True)
    assert listed(feed()) == {photo.pk}
    Photo.objects.filter(pk=photo.pk).update(visibility="private")
    assert feed()["items"] == []


def test_an_approved_exclusion_is_written_into_the_owners_consent_history(alice, upload, mod):
    photo = upload(alice)
    consent_set(user=alice, purpose=PURPOSE, allowed=True)
    before = ConsentChange.objects.filter(user=alice).latest("id")
    request = submit(photo)
    depicted_request_decide(actor=mod, request=request, approve=True, reasons="Shown.")
    changes = list(ConsentChange.objects.filter(user=alice, pk__gt=before.pk).order_by("id"))
    assert [c.purpose for c in changes] == list(Purpose.values)
    assert {(c.photo_ref, c.new_value, c.reason, c.changed_by_id) for c in changes} == {
        (photo.pk, "refused", "depicted_person", None)  # the owner is not told who decided
    }
    old = {c.purpose: c.old_value for c in changes}
    assert old[PURPOSE] == "allowed" and old["biometric"] == "refused"
    assert changes[0].prev_hash == before.hash
    assert [c.prev_hash for c in changes[1:]] == [c.hash for c in changes[:-1]]
    logged = Event.objects.filter(kind="consent.changed", data__reason="depicted_person")
    assert logged.count() == len(Purpose.values)


def test_the_feed_shows_an_approved_exclusion_as_refused_for_every_purpose(alice, upload, mod):
    photo = upload(alice)
    consent_set(user=alice, purpose=PURPOSE, allowed=True)
    cursor = feed()["next_cursor"]
    depicted_request_decide(actor=mod, request=submit(photo), approve=True, reasons="Yes.")
    items = feed(cursor)["items"]
    assert {(i["photo_id"], i["purpose"]) for i in items} == {
        (photo.pk, purpose) for purpose in Purpose.values
    }
    assert {(i["decision"], i["signal"], i["scope"]) for i in items} == {
        ("refused", "depicted_person", "photo")
    }


def test_a_rejected_request_writes_no_consent_change(alice, upload, mod):
    photo = upload(alice)
    depicted_request_decide(actor=mod, request=submit(photo), approve=False, reasons="No.")
    assert not ConsentChange.objects.exists()


def test_an_exclusion_of_a_photo_with_no_history_starts_the_owners_chain(alice, upload, mod):
    photo = upload(alice)
    depicted_request_decide(actor=mod, request=submit(photo), approve=True, reasons="Yes.")
    first = ConsentChange.objects.filter(user=alice).earliest("id")
    assert first.prev_hash == GENESIS and first.old_value == "refused"
