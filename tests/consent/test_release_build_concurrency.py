"""Issue 13: a consent withdrawal during a release build, on PostgreSQL with two real
connections. Exactly one outcome wins: a withdrawal committed while the rows were being
frozen keeps the photo out of the release (and the build says so); a withdrawal coming
later waits for the build, so the release and the withdrawal each count the photo once."""

# ruff: noqa: F811  (fixtures imported from releases_support)
import threading

import pytest
from django.db import connection

from consent.models import ConsentChange, ReleaseItem
from consent.services.consent import consent_withdraw
from consent.services.releases import release_build
from core.models import Event
from tests.consent.releases_support import admin, consenting, dataset  # noqa: F401
from tests.pausing import Pause

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="locks: PostgreSQL"),
    pytest.mark.django_db(transaction=True),
]


def in_thread(fn) -> threading.Thread:
    def run():
        try:
            fn()
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def test_a_withdrawal_committed_during_the_build_keeps_the_photo_out(
    admin, dataset, consenting, alice, monkeypatch, tmp_path
):
    kept, withdrawn = consenting(), consenting()
    pause = Pause(monkeypatch, tmp_path / "pause", "release.frozen")
    built = []
    builder = in_thread(lambda: built.append(release_build(actor=admin, dataset=dataset)))
    assert pause.reached(), "both photos are frozen into the release's rows"
    consent_withdraw(actor=alice, photos=[withdrawn])
    pause.go()
    builder.join(20)
    release = built[0]
    refs = list(ReleaseItem.objects.filter(release=release).values_list("photo_ref", flat=True))
    assert refs == [kept.pk]
    assert release.row_count == 1 and release.withdrawn_meanwhile == 1
    event = Event.objects.get(kind="release.built")
    assert event.data["rows"] == 1 and event.data["withdrawn_meanwhile"] == 1


def test_a_withdrawal_after_the_rows_are_checked_waits_for_the_build(
    admin, dataset, consenting, alice, monkeypatch, tmp_path
):
    photo = consenting()
    pause = Pause(monkeypatch, tmp_path / "pause", "event:release.built")
    built = []
    builder = in_thread(lambda: built.append(release_build(actor=admin, dataset=dataset)))
    assert pause.reached(), "the build is about to commit"
    withdrawer = in_thread(lambda: consent_withdraw(actor=alice, photos=[photo]))
    withdrawer.join(0.7)
    assert withdrawer.is_alive(), "the withdrawal waits for the build to commit"
    pause.go()
    builder.join(20)
    withdrawer.join(20)
    release = built[0]
    assert release.row_count == 1 and release.withdrawn_meanwhile == 0
    assert ReleaseItem.objects.filter(release=release, photo_ref=photo.pk).count() == 1
    change = ConsentChange.objects.filter(photo=photo).latest("id")
    assert change.changed_at > release.built_at


def test_a_second_build_of_the_same_dataset_is_refused_with_a_message(
    admin, dataset, consenting, monkeypatch, tmp_path
):
    from core.errors import ServiceError

    consenting()
    pause = Pause(monkeypatch, tmp_path / "pause", "release.frozen")
    builder = in_thread(lambda: release_build(actor=admin, dataset=dataset))
    assert pause.reached()
    with pytest.raises(ServiceError, match="is being built right now"):
        release_build(actor=admin, dataset=dataset)
    pause.go()
    builder.join(20)
    assert dataset.releases.count() == 1
