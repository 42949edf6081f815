"""Consent in the data-rights registry: exported with its history, carried over by
import_archive, deleted by erasure."""

import json

from django.core.management import call_command

from accounts.models import User
from consent.models import AccountConsent, ConsentChange
from consent.selectors.consent import account_consents, consent_effective_for
from consent.services.consent import consent_set, photo_consent_set
from photos.models import Photo
from rights.registry import modules
from tests.rights.conftest import exported, open_archive  # noqa: F401
from tests.rights.test_import import archive_path


def test_export_holds_settings_overrides_and_the_hash_chained_history(alice, upload, exported):
    photo = upload(alice)
    consent_set(user=alice, purpose="ai_training", allowed=True)
    photo_consent_set(actor=alice, photo=photo, purpose="ai_training", allowed=False)
    archive = open_archive(exported(alice))
    settings = json.loads(archive.read("consent/settings.json"))
    assert settings["account"]["ai_training"] is True
    assert settings["photos"] == [
        {"photo_id": photo.pk, "purpose": "ai_training", "allowed": False}
    ]
    history = json.loads(archive.read("consent/history.json"))
    assert [h["hash"] for h in history] == list(
        ConsentChange.objects.filter(user=alice).order_by("id").values_list("hash", flat=True)
    )


def test_import_carries_consent_settings_over(
    alice, upload, exported, tmp_path, django_capture_on_commit_callbacks
):
    upload(alice, title="Pier")
    consent_set(user=alice, purpose="research_datasets", allowed=True)
    photo_consent_set(
        actor=alice, photo=Photo.objects.get(), purpose="research_datasets", allowed=False
    )
    with django_capture_on_commit_callbacks(execute=True):
        call_command(
            "import_archive",
            str(archive_path(exported(alice), tmp_path)),
            "--username",
            "alice2",
            "--create-user",
        )
    copy = User.objects.get(username="alice2")
    assert account_consents(copy)["research_datasets"] is True
    imported = Photo.objects.get(owner=copy)
    assert not consent_effective_for(imported, "research_datasets").allowed


def test_erasure_deletes_consent_settings_and_history(alice):
    consent_set(user=alice, purpose="biometric", allowed=True)
    privacy = next(m for m in modules() if m.__name__ == "consent.privacy")
    privacy.erase(alice, holds=None)
    assert not AccountConsent.objects.filter(user=alice).exists()
    assert not ConsentChange.objects.filter(user=alice).exists()
