"""Account erasure (GDPR Art. 17): grace period, cancel, deletion within the month,
legal holds, anonymised notices, no orphaned files, logs without personal data."""

import json
from datetime import timedelta

import pytest
from dateutil.relativedelta import relativedelta
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import ApiToken, User
from accounts.services import token_create
from core.errors import PermissionDenied, ServiceError
from core.models import Event
from moderation.models import Evidence, MisuseMeasure, Notice
from moderation.services.upkeep import evidence_purge_due
from photos.models import Album, Photo, Rendition
from photos.services import album_create
from rights.models import ErasureRequest
from rights.services.erasure import erasure_cancel, erasure_request
from rights.services.media import media_check
from rights.services.upkeep import rights_upkeep
from social.models import Comment, Favourite, Follow
from social.services import comment_post, favourite_add, follow_create
from tests.moderation_fixtures import NO_ACTION
from transparency.verification import verify_stored_log


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """run(now) -> rights_upkeep at that time, with file deletions carried out."""

    def do(now):
        with django_capture_on_commit_callbacks(execute=True):
            return rights_upkeep(now=now)

    return do


@pytest.fixture
def social_alice(alice, bob, upload):
    photo = upload(alice, title="Mine")
    bobs = upload(bob, title="Bob's")
    album_create(owner=alice, title="Album")
    follow_create(follower=alice, followee=bob)
    follow_create(follower=bob, followee=alice)
    favourite_add(user=alice, photo_id=bobs.pk)
    comment_post(author=alice, photo_id=bobs.pk, body="Alice was here")
    comment_post(author=bob, photo_id=photo.pk, body="On Alice's photo")
    token_create(user=alice, name="cli", scopes=["read"])
    return alice


def test_request_schedules_after_the_grace_period_within_the_legal_month(alice):
    erasure = erasure_request(actor=alice, user=alice)
    assert erasure.state == "scheduled"
    assert erasure.scheduled_for - erasure.requested_at == timedelta(days=14)
    due = erasure.requested_at + relativedelta(months=1)  # to the end of that day
    assert erasure.deadline_at == due.replace(hour=23, minute=59, second=59, microsecond=999999)
    event = Event.objects.get(kind="rights.erasure_requested")
    assert event.data["erasure_id"] == erasure.pk and "alice" not in json.dumps(event.data)


def test_grace_period_comes_from_settings_and_never_passes_the_deadline(alice, bob, settings):
    settings.CANDID_ERASURE_GRACE_DAYS = 3
    short = erasure_request(actor=alice, user=alice)
    assert short.scheduled_for - short.requested_at == timedelta(days=3)
    settings.CANDID_ERASURE_GRACE_DAYS = 60
    capped = erasure_request(actor=bob, user=bob)
    assert capped.scheduled_for == capped.deadline_at


def test_cancel_within_grace_keeps_everything(social_alice, run):
    erasure = erasure_request(actor=social_alice, user=social_alice)
    erasure_cancel(actor=social_alice, request=erasure)
    run(timezone.now() + timedelta(days=20))
    erasure.refresh_from_db()
    assert erasure.state == "cancelled"
    assert Photo.objects.filter(owner=social_alice).count() == 1
    assert User.objects.get(pk=social_alice.pk).username == "alice"


def test_cancel_after_grace_is_refused(alice):
    erasure = erasure_request(actor=alice, user=alice)
    ErasureRequest.objects.filter(pk=erasure.pk).update(scheduled_for=timezone.now())
    with pytest.raises(ServiceError, match="grace period is over"):
        erasure_cancel(actor=alice, request=erasure)
    erasure.refresh_from_db()
    assert erasure.state == "scheduled"


def test_erasure_of_someone_elses_account_is_refused_and_changes_nothing(alice, bob):
    with pytest.raises(PermissionDenied, match="your own account"):
        erasure_request(actor=bob, user=alice)
    erasure = erasure_request(actor=alice, user=alice)
    with pytest.raises(PermissionDenied):
        erasure_cancel(actor=bob, request=erasure)
    assert ErasureRequest.objects.get().state == "scheduled"


def test_second_request_is_refused(alice):
    erasure_request(actor=alice, user=alice)
    with pytest.raises(ServiceError, match="already asked"):
        erasure_request(actor=alice, user=alice)
    assert ErasureRequest.objects.count() == 1


def test_nothing_happens_before_the_grace_period_ends(social_alice, run):
    erasure_request(actor=social_alice, user=social_alice)
    assert run(timezone.now() + timedelta(days=13))["erasures_run"] == 0
    assert Photo.objects.filter(owner=social_alice).exists()


def test_erasure_deletes_content_and_personal_data_and_every_file(
    social_alice, bob, exported, run, media_dir
):
    exported(social_alice)
    erasure = erasure_request(actor=social_alice, user=social_alice)
    run(erasure.scheduled_for + timedelta(minutes=1))
    erasure.refresh_from_db()
    assert erasure.state == "completed" and erasure.completed_at <= erasure.deadline_at
    user = User.objects.get(pk=social_alice.pk)
    assert user.username == f"deleted-{user.pk}" and user.email == ""
    assert user.display_name == "" and not user.is_active and not user.has_usable_password()
    assert not Photo.objects.filter(owner=user).exists()
    assert not Rendition.objects.filter(photo__owner=user).exists()
    assert not Album.objects.filter(owner=user).exists()
    assert not Comment.objects.filter(author=user).exists()
    assert not Comment.objects.filter(body="On Alice's photo").exists()
    assert not Favourite.objects.filter(user=user).exists()
    assert not Follow.objects.filter(follower=user).exists()
    assert not Follow.objects.filter(followee=user).exists()
    assert not ApiToken.objects.filter(user=user).exists()
    assert not user.data_exports.exists()
    assert Photo.objects.filter(owner=bob).count() == 1
    report = media_check()
    assert report.orphans == [] and report.missing == []


def test_every_step_is_logged_without_personal_data(social_alice, run):
    erasure = erasure_request(actor=social_alice, user=social_alice)
    run(erasure.scheduled_for)
    steps = Event.objects.filter(kind="rights.erasure_step")
    assert {e.data["section"] for e in steps} >= {"account", "photos", "social", "moderation"}
    photos_step = next(e for e in steps if e.data["section"] == "photos")
    assert photos_step.data["photos_deleted"] == 1
    for event in Event.objects.filter(kind__startswith="rights."):
        text = json.dumps(event.data) + json.dumps(event.private)
        assert "alice" not in text.lower() and "example.org" not in text
    assert Event.objects.filter(kind="rights.erasure_completed").count() == 1


def test_notices_filed_stay_counted_without_personal_data(alice, bob, upload, report, run):
    notice = report(upload(bob), notifier=alice, explanation="It mocks me")
    assert Event.objects.filter(subject_id=notice.pk).exclude(private={}).exists()
    erasure = erasure_request(actor=alice, user=alice)
    run(erasure.scheduled_for)
    notice.refresh_from_db()
    assert Notice.objects.count() == 1
    assert notice.notifier_id is None
    assert notice.notifier_name == "" and notice.notifier_email == ""
    scrubbed = Event.objects.filter(subject_type="moderation.notice", subject_id=notice.pk)
    assert scrubbed.exists() and all(e.private == {} for e in scrubbed)
    assert verify_stored_log().ok


def test_art_23_measures_lose_the_address_even_from_before_the_account(alice, run):
    def measure(**who):
        return MisuseMeasure.objects.create(
            kind="unfounded_notices",
            level="warning",
            statement="Several of your notices were manifestly unfounded.",
            starts_at=timezone.now(),
            **who,
        )

    signed_out = measure(email=alice.email.upper())  # her notices before she signed up
    other = measure(email="someone@example.org")
    erasure = erasure_request(actor=alice, user=alice)
    run(erasure.scheduled_for)
    signed_out.refresh_from_db()
    other.refresh_from_db()
    assert signed_out.email == "" and signed_out.level == "warning"  # still counted
    assert other.email == "someone@example.org"
    step = Event.objects.get(kind="rights.erasure_step", data__section="moderation")
    assert step.data["measures_anonymised"] == 1


def test_content_under_an_open_case_is_held_then_purged_when_the_hold_ends(
    alice, upload, report, decide, run, media_dir
):
    held = upload(alice, title="Reported")
    other = upload(alice, title="Not reported")
    notice = report(held)
    erasure = erasure_request(actor=alice, user=alice)
    run(erasure.scheduled_for)
    erasure.refresh_from_db()
    assert erasure.state == "held" and erasure.held_items == 1
    held.refresh_from_db()
    assert held.visibility == "private"
    assert not Photo.objects.filter(pk=other.pk).exists()
    assert User.objects.get(pk=alice.pk).email == ""
    decide(notice.case, **NO_ACTION, facts="Nothing wrong.")
    run(erasure.scheduled_for + timedelta(days=1))
    erasure.refresh_from_db()
    assert not Photo.objects.filter(pk=held.pk).exists()
    assert erasure.state in ("held", "completed")
    assert media_check().ok


def test_a_profile_under_an_open_case_is_held_then_erased(
    alice, report, decide, run, media_dir, uploaded_file
):
    from accounts.services import profile_update
    from moderation.services.targets import Target

    profile_update(user=alice, display_name="Alice", bio="Hamburg", avatar_file=uploaded_file())
    alice.refresh_from_db()
    avatar = media_dir / alice.avatar
    notice = report(Target("profile", alice))
    erasure = erasure_request(actor=alice, user=alice)
    run(erasure.scheduled_for)
    erasure.refresh_from_db()
    kept = User.objects.get(pk=alice.pk)
    assert erasure.state == "held" and (kept.bio, kept.display_name) == ("Hamburg", "Alice")
    assert avatar.exists() and kept.email == "" and not kept.is_active
    decide(notice.case, **NO_ACTION, facts="Nothing wrong.")
    run(erasure.scheduled_for + timedelta(days=1))
    gone = User.objects.get(pk=alice.pk)
    assert (gone.bio, gone.display_name, gone.avatar) == ("", "", "")
    assert not avatar.exists()


def test_removed_content_is_kept_for_its_retention_then_purged(
    alice, upload, report, decide, run, django_capture_on_commit_callbacks
):
    photo = upload(alice)
    decision = decide(report(photo).case)
    evidence = Evidence.objects.get(decision=decision)
    erasure = erasure_request(actor=alice, user=alice)
    run(erasure.scheduled_for)
    erasure.refresh_from_db()
    assert erasure.state == "held" and Photo.objects.filter(pk=photo.pk).exists()
    after = evidence.keep_until + timedelta(minutes=1)
    with django_capture_on_commit_callbacks(execute=True):
        evidence_purge_due(now=after)
    run(after)
    erasure.refresh_from_db()
    assert erasure.state == "completed" and erasure.held_items == 0
    assert not Photo.objects.filter(pk=photo.pk).exists()
    assert media_check().ok
    assert Event.objects.filter(kind="rights.erasure_held").count() >= 1


def test_suspended_user_can_ask_for_erasure(alice):
    alice.suspended_until = timezone.now() + timedelta(days=5)
    alice.save()
    assert erasure_request(actor=alice, user=alice).state == "scheduled"


def test_upkeep_command_carries_out_due_erasures(alice, upload):
    upload(alice)
    erasure = erasure_request(actor=alice, user=alice)
    ErasureRequest.objects.filter(pk=erasure.pk).update(scheduled_for=timezone.now())
    call_command("rights_upkeep")
    erasure.refresh_from_db()
    assert erasure.state == "completed"
    assert not Photo.objects.filter(owner_id=alice.pk).exists()


def test_web_request_needs_the_username_then_shows_the_date_and_cancels(alice):
    client = Client()
    client.force_login(alice)
    client.post(reverse("erasure_new"), {"confirm": "wrong"})
    assert not ErasureRequest.objects.exists()
    client.post(reverse("erasure_new"), {"confirm": "alice"})
    erasure = ErasureRequest.objects.get()
    page = client.get(reverse("your_data")).content.decode()
    assert erasure.scheduled_for.strftime("%-d %B %Y") in page
    client.post(reverse("erasure_cancel", args=[erasure.pk]))
    erasure.refresh_from_db()
    assert erasure.state == "cancelled"


def test_web_cancel_of_someone_elses_request_is_not_found(alice, bob):
    erasure = erasure_request(actor=alice, user=alice)
    client = Client()
    client.force_login(bob)
    assert client.post(reverse("erasure_cancel", args=[erasure.pk])).status_code == 404
    erasure.refresh_from_db()
    assert erasure.state == "scheduled"


def test_api_erasure_request_show_and_cancel(alice, bob):
    from tests.api.conftest import ApiClient

    api = ApiClient(token_create(user=alice, name="t", scopes=["read", "write"])[1])
    other = ApiClient(token_create(user=bob, name="t", scopes=["read", "write"])[1])
    assert other.post("/users/alice/erasure").status_code == 403
    assert api.post("/users/alice/erasure").status_code == 201
    assert api.get("/me/erasure").json()["state"] == "scheduled"
    assert api.delete("/me/erasure").status_code == 200
    assert ErasureRequest.objects.get().state == "cancelled"
    assert api.get("/me/erasure").status_code == 404
