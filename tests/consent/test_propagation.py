# ruff: noqa: F811  (fixtures imported from releases_support)
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from consent.models import DeletionNotice, DeletionNoticeItem
from consent.notify.deletion_notices import ack_token
from consent.selectors.licensees import withdrawals_of
from consent.services.consent import consent_withdraw, photo_consent_set
from consent.services.deletion_notices import deletion_notice_acknowledge, deletion_notices_remind
from consent.services.propagation import propagate_withdrawal
from consent.services.releases import release_build
from core.errors import PermissionDenied, ServiceError
from core.models import Event
from tests.api.conftest import ApiClient
from tests.consent.releases_support import (  # noqa: F401
    PURPOSE,
    admin,
    consenting,
    dataset,
    download,
    licensee_with,
    published,
)


@pytest.fixture
def delivered(admin, dataset, consenting):
    """Two of Alice's photos in a published release; Lab downloaded it, Idle did not."""
    photos = [consenting(), consenting()]
    release = published(admin, dataset)
    lab, lab_secret = licensee_with(admin, dataset, "Lab One")
    idle, _ = licensee_with(admin, dataset, "Idle Corp")
    download(lab, release)
    return {"photos": photos, "release": release, "lab": lab, "secret": lab_secret, "idle": idle}


def withdraw(alice, photos, capture, **kw):
    with capture(execute=True):
        consent_withdraw(actor=alice, photos=photos, purposes=[PURPOSE], **kw)


def test_a_withdrawal_sends_a_notice_to_each_licensee_that_received_the_release(
    alice, delivered, django_capture_on_commit_callbacks
):
    photo = delivered["photos"][0]
    withdraw(alice, [photo], django_capture_on_commit_callbacks)
    notice = DeletionNotice.objects.get()
    assert (notice.licensee, notice.release, notice.state) == (
        delivered["lab"],
        delivered["release"],
        "sent",
    )
    item = notice.items.get()
    assert (item.photo_ref, item.sha256, item.pdq_hash) == (photo.pk, photo.sha256, photo.pdq_hash)
    (message,) = mail.outbox
    assert message.to == ["lab@example.org"] and f"{photo.pk} {photo.sha256}" in message.body
    assert "/consent/deletion-notices/ack/" in message.body
    assert Event.objects.filter(kind="deletion_notice.sent").count() == 1


def test_a_whole_account_withdrawal_reaches_every_photo_once(
    alice, delivered, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        consent_withdraw(actor=alice)
    expected = sorted(p.pk for p in delivered["photos"])
    assert DeletionNotice.objects.count() == 1
    assert sorted(DeletionNoticeItem.objects.values_list("photo_ref", flat=True)) == expected
    propagate_withdrawal(expected, [PURPOSE])  # hooks may run again: nothing new
    assert DeletionNotice.objects.count() == 1 and DeletionNoticeItem.objects.count() == 2


def test_propagation_ignores_photos_still_allowed_and_other_purposes(alice, delivered):
    photo = delivered["photos"][0]
    assert propagate_withdrawal([photo.pk], [PURPOSE]) == []  # consent still allowed
    photo_consent_set(actor=alice, photo=photo, purpose=PURPOSE, allowed=False)
    assert propagate_withdrawal([photo.pk], ["ai_training"]) == []  # not the dataset's
    assert len(propagate_withdrawal([photo.pk], [PURPOSE])) == 1


def test_withdrawn_photos_leave_every_future_release(
    admin, alice, dataset, delivered, django_capture_on_commit_callbacks
):
    gone, kept = delivered["photos"]
    withdraw(alice, [gone], django_capture_on_commit_callbacks)
    later = release_build(actor=admin, dataset=dataset)
    assert list(later.items.values_list("photo_ref", flat=True)) == [kept.pk]


def test_a_licensee_acknowledges_through_the_api(
    alice, delivered, django_capture_on_commit_callbacks
):
    withdraw(alice, delivered["photos"][:1], django_capture_on_commit_callbacks)
    notice = DeletionNotice.objects.get()
    client = ApiClient(delivered["secret"])
    listed = client.get("/licensee/deletion-notices", open="true").json()
    assert [n["id"] for n in listed["items"]] == [notice.pk]
    assert listed["items"][0]["items"][0]["photo_id"] == delivered["photos"][0].pk
    response = client.post(f"/licensee/deletion-notices/{notice.pk}/acknowledge")
    assert response.status_code == 200 and response.json()["state"] == "acknowledged"
    notice.refresh_from_db()
    assert notice.acknowledged_via == "api" and notice.acknowledged_at is not None
    again = client.post(f"/licensee/deletion-notices/{notice.pk}/acknowledge")
    assert again.status_code == 400 and "already acknowledged" in again.json()["detail"]


def test_a_licensee_cannot_acknowledge_another_licensees_notice(
    admin, dataset, alice, delivered, django_capture_on_commit_callbacks
):
    withdraw(alice, delivered["photos"][:1], django_capture_on_commit_callbacks)
    notice = DeletionNotice.objects.get()
    _, other_secret = licensee_with(admin, dataset, "Other Org")
    response = ApiClient(other_secret).post(f"/licensee/deletion-notices/{notice.pk}/acknowledge")
    assert response.status_code == 403 and "another licensee" in response.json()["detail"]
    with pytest.raises(PermissionDenied):
        deletion_notice_acknowledge(licensee=delivered["idle"], notice=notice, via="api")
    notice.refresh_from_db()
    assert notice.state == "sent" and notice.acknowledged_at is None
    assert not Event.objects.filter(kind="deletion_notice.acknowledged").exists()
    missing = ApiClient(other_secret).post("/licensee/deletion-notices/999999/acknowledge")
    assert missing.status_code == 404


def test_a_licensee_acknowledges_on_the_page_its_email_links_to(
    alice, delivered, django_capture_on_commit_callbacks
):
    withdraw(alice, delivered["photos"][:1], django_capture_on_commit_callbacks)
    notice = DeletionNotice.objects.get()
    url = f"/consent/deletion-notices/ack/{ack_token(notice.pk)}/"
    page = Client().get(url)
    assert delivered["photos"][0].sha256 in page.content.decode()
    Client().post(url)
    notice.refresh_from_db()
    assert (notice.state, notice.acknowledged_via) == ("acknowledged", "page")
    forged = Client().post(f"/consent/deletion-notices/ack/{notice.pk}:forged/")
    assert forged.status_code == 404


def test_unacknowledged_notices_are_reminded_then_escalated_to_staff(
    admin, alice, delivered, settings, django_capture_on_commit_callbacks
):
    settings.CANDID_DELETION_REMINDER_DAYS = 7
    withdraw(alice, delivered["photos"][:1], django_capture_on_commit_callbacks)
    notice, start = DeletionNotice.objects.get(), timezone.now()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert deletion_notices_remind(now=start + timedelta(days=3)) == {
            "reminded": 0,
            "escalated": 0,
        }
        for days in (7, 14):
            deletion_notices_remind(now=start + timedelta(days=days, minutes=1))
        deletion_notices_remind(now=start + timedelta(days=21, minutes=2))
    notice.refresh_from_db()
    assert (notice.state, notice.reminders) == ("escalated", 2)
    assert [m.to for m in mail.outbox] == [["lab@example.org"], ["lab@example.org"], [admin.email]]
    assert "Escalated" in mail.outbox[2].subject
    deletion_notice_acknowledge(licensee=delivered["lab"], notice=notice, via="api")
    assert DeletionNotice.objects.get().state == "acknowledged"


def test_the_upkeep_command_sends_missing_notices(alice, delivered, capsys):
    photo_consent_set(actor=alice, photo=delivered["photos"][0], purpose=PURPOSE, allowed=False)
    DeletionNotice.objects.all().delete()  # as if the hook had failed
    call_command("deletion_reminders")
    assert "1 sent" in capsys.readouterr().out
    assert DeletionNotice.objects.count() == 1


def test_the_owner_sees_releases_licensees_and_acknowledgements(
    alice, bob, delivered, django_capture_on_commit_callbacks
):
    withdraw(alice, delivered["photos"][:1], django_capture_on_commit_callbacks)
    (first, second) = sorted(withdrawals_of(alice), key=lambda p: p["photo_id"])
    (held,) = first["releases"]
    (lab,) = held["licensees"]
    assert lab["organisation"] == "Lab One" and lab["notice"]["state"] == "sent"
    assert second["releases"][0]["licensees"][0]["notice"] is None
    assert withdrawals_of(bob) == []
    client = Client()
    client.force_login(alice)
    page = client.get("/consent/withdrawals/").content.decode()
    assert "Lab One" in page and "not yet acknowledged" in page


def test_the_owner_api_lists_withdrawal_status(
    alice, delivered, django_capture_on_commit_callbacks
):
    from accounts.services import token_create

    withdraw(alice, delivered["photos"][:1], django_capture_on_commit_callbacks)
    _, secret = token_create(user=alice, name="t", scopes=["read"])
    body = ApiClient(secret).get("/me/withdrawals").json()
    notices = [lic["notice"] for p in body for r in p["releases"] for lic in r["licensees"]]
    assert [n["state"] for n in notices if n] == ["sent"]


def test_restoring_consent_before_propagation_sends_nothing(
    alice, delivered, django_capture_on_commit_callbacks
):
    with pytest.raises(ServiceError):
        consent_withdraw(actor=alice, photos=delivered["photos"], purposes=["no_such"])
    with django_capture_on_commit_callbacks(execute=False) as pending:
        consent_withdraw(actor=alice, photos=delivered["photos"], purposes=[PURPOSE])
    for photo in delivered["photos"]:
        photo_consent_set(actor=alice, photo=photo, purpose=PURPOSE, allowed=None)
    for callback in pending:
        callback()
    assert not DeletionNotice.objects.exists()


def test_an_owner_deleting_a_released_photo_tells_its_licensees_at_once(
    alice, delivered, django_capture_on_commit_callbacks
):
    from photos.services import photo_delete

    photo = delivered["photos"][0]
    pk, sha256 = photo.pk, photo.sha256
    with django_capture_on_commit_callbacks(execute=True):
        photo_delete(actor=alice, photo=photo)
    notice = DeletionNotice.objects.get()
    assert (notice.licensee, notice.release) == (delivered["lab"], delivered["release"])
    assert list(notice.items.values_list("photo_ref", "sha256")) == [(pk, sha256)]
