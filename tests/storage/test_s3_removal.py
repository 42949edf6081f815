"""Media that must disappear is gone from the S3 bucket afterwards, checked by listing the
bucket on the moto server: account erasure (GDPR Art. 17), moderation removal once its
retention ends (content and evidence), and consent withdrawal, which keeps the photo."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.services import profile_update
from consent.services.consent import consent_withdraw
from moderation.models import Evidence
from moderation.services.upkeep import evidence_purge_due
from photos.models import Photo
from rights.services.erasure import erasure_request
from rights.services.media import media_check
from rights.services.upkeep import rights_upkeep


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """committed(service, **kwargs): runs it with its on-commit file deletions carried out."""

    def run(service, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return service(**kwargs)

    return run


def files_of(photo: Photo) -> set[str]:
    return {photo.original, *photo.renditions.values_list("file", flat=True)}


def test_erasure_empties_the_bucket_of_the_members_files(
    alice, bob, upload, exported, uploaded_file, listed, committed
):
    upload(alice)
    upload(alice, visibility="private")
    committed(profile_update, user=alice, display_name="A", bio="", avatar_file=uploaded_file())
    exported(alice)
    kept = files_of(upload(bob))
    assert len(listed()) > len(kept) + 3
    erasure = erasure_request(actor=alice, user=alice)
    committed(rights_upkeep, now=erasure.scheduled_for + timedelta(minutes=1))
    erasure.refresh_from_db()
    assert erasure.state == "completed"
    assert listed() == kept
    assert media_check().ok


def test_removed_content_and_its_evidence_leave_the_bucket_when_retention_ends(
    alice, upload, report, decide, listed, committed
):
    photo = upload(alice)
    decision = decide(report(photo).case)
    evidence = Evidence.objects.get(decision=decision)
    assert evidence.image and listed() == files_of(photo) | {evidence.image}
    committed(evidence_purge_due, now=timezone.now())
    assert evidence.image in listed()  # kept for its retention period
    committed(evidence_purge_due, now=evidence.keep_until + timedelta(minutes=1))
    assert not Photo.objects.filter(pk=photo.pk).exists()
    assert listed() == set()


def test_consent_withdrawal_keeps_the_photo_and_its_files(alice, upload, listed, committed):
    photo = upload(alice)
    committed(consent_withdraw, actor=alice)
    assert listed() == files_of(photo)
    assert media_check().ok
