import itertools
import threading

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from consent.models import ConsentChange, PhotoConsent, Purpose
from consent.selectors.consent import account_consents, consent_effective_for
from consent.services.consent import (
    WITHDRAWAL_HOOKS,
    consent_set,
    consent_withdraw,
    photo_consent_set,
    receipt_for,
)
from core.errors import PermissionDenied, ServiceError


def test_every_purpose_defaults_to_not_allowed(alice, upload):
    photo = upload(alice)
    assert account_consents(alice) == {
        "ai_training": False,
        "genai_training": False,
        "biometric": False,
        "research_datasets": False,
    }
    effective = consent_effective_for(photo, "ai_training")
    assert (effective.allowed, effective.signal) == (False, "default")


def test_photo_override_beats_the_account_setting(alice, upload):
    photo, other = upload(alice), upload(alice)
    consent_set(user=alice, purpose="ai_training", allowed=True)
    photo_consent_set(actor=alice, photo=photo, purpose="ai_training", allowed=False)
    assert consent_effective_for(photo, "ai_training").signal == "photo"
    assert not consent_effective_for(photo, "ai_training").allowed
    assert consent_effective_for(other, "ai_training").allowed
    photo_consent_set(actor=alice, photo=photo, purpose="ai_training", allowed=None)
    assert consent_effective_for(photo, "ai_training").allowed


def test_history_is_hash_chained_and_receipts_tie_into_it(alice, upload):
    consent_set(user=alice, purpose="research_datasets", allowed=True)
    consent_set(user=alice, purpose="research_datasets", allowed=False)
    first, second = ConsentChange.objects.order_by("id")
    assert (first.old_value, first.new_value) == ("refused", "allowed")
    assert second.prev_hash == first.hash and receipt_for(second)["hash"] == second.hash


def test_withdrawal_by_account_covers_every_photo_and_reaches_the_hooks(
    alice, upload, django_capture_on_commit_callbacks
):
    photos = [upload(alice) for _ in range(3)]
    consent_set(user=alice, purpose="ai_training", allowed=True)
    seen = []
    WITHDRAWAL_HOOKS.append(lambda ids, purposes: seen.append((sorted(ids), purposes)))
    try:
        with django_capture_on_commit_callbacks(execute=True):
            consent_withdraw(actor=alice)
    finally:
        WITHDRAWAL_HOOKS.pop()
    assert all(not consent_effective_for(p, "ai_training").allowed for p in photos)
    assert (sorted(p.pk for p in photos), list(Purpose.values)) in seen
    assert len(seen) == 1  # one propagation for the whole withdrawal, not one per purpose
    refused = PhotoConsent.objects.filter(photo__in=photos, allowed=False)
    assert refused.count() == len(photos) * len(Purpose.values)


def test_only_the_owner_changes_consent_and_purposes_are_checked(alice, bob, upload):
    photo = upload(alice)
    with pytest.raises(PermissionDenied):
        photo_consent_set(actor=bob, photo=photo, purpose="ai_training", allowed=True)
    with pytest.raises(PermissionDenied):
        consent_withdraw(actor=bob, photos=[photo])
    with pytest.raises(ServiceError):
        consent_set(user=alice, purpose="mind_reading", allowed=True)
    assert not ConsentChange.objects.exists()


def test_a_withdrawal_costs_the_same_statements_for_few_or_many_photos(alice, bob, upload):
    def statements_to_withdraw(user, count: int) -> int:
        photos = [upload(user) for _ in range(count)]
        photo_consent_set(actor=user, photo=photos[0], purpose="biometric", allowed=True)
        with CaptureQueriesContext(connection) as queries:
            consent_withdraw(actor=user)
        return len(queries)

    assert statements_to_withdraw(alice, 2) == statements_to_withdraw(bob, 9)
    history = list(ConsentChange.objects.filter(user=bob).order_by("id"))
    assert len(history) == 1 + 9 * len(Purpose.values)  # the account was refused already
    assert all(later.prev_hash == earlier.hash for earlier, later in itertools.pairwise(history))
    overridden = ConsentChange.objects.get(user=bob, purpose="biometric", old_value="allowed")
    assert overridden.new_value == "refused" and overridden.reason == "withdrawal"


def waits_for_an_open_change(first, second) -> bool:
    """Runs `first` in a transaction held open on one connection, then `second` on
    another; True when `second` had to wait for `first` to commit. Both end committed."""
    in_first, release = threading.Event(), threading.Event()

    def hold_open():
        try:
            with transaction.atomic():
                first()
                in_first.set()
                release.wait(10)
        finally:
            connection.close()

    def meanwhile():
        try:
            second()
        finally:
            connection.close()

    holder, other = threading.Thread(target=hold_open), threading.Thread(target=meanwhile)
    holder.start()
    assert in_first.wait(10)
    other.start()
    other.join(0.5)
    waited = other.is_alive()
    release.set()
    holder.join(10)
    other.join(10)
    return waited


def biometric_allowed(user, photo):
    return lambda: photo_consent_set(actor=user, photo=photo, purpose="biometric", allowed=True)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite writers queue at BEGIN")
@pytest.mark.django_db(transaction=True)
def test_simultaneous_changes_by_one_user_append_to_one_unforked_history(make_user, upload):
    alice = make_user("alice")
    first, second = upload(alice), upload(alice)
    assert waits_for_an_open_change(
        biometric_allowed(alice, first), biometric_allowed(alice, second)
    )
    history = list(ConsentChange.objects.filter(user=alice).order_by("id"))
    assert len(history) == 2 and history[1].prev_hash == history[0].hash


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite writers queue at BEGIN")
@pytest.mark.django_db(transaction=True)
def test_consent_changes_commit_in_id_order_so_the_feed_never_skips_one(make_user, upload):
    """The trainers' feed pages by id: a change committed later must have a higher id."""
    alice, bob = make_user("alice"), make_user("bob")
    hers, his = upload(alice), upload(bob)
    assert waits_for_an_open_change(biometric_allowed(alice, hers), biometric_allowed(bob, his))
    ids = dict(ConsentChange.objects.values_list("user__username", "id"))
    assert ids["alice"] < ids["bob"]
