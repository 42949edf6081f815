from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from accounts.models import User
from accounts.second_factor import second_factor_check
from demo.staff_devices import demo_secret
from moderation.models import Appeal, Case, Decision
from photos.models import Album, Photo, Rendition
from social.models import Comment, Follow
from transparency.verification import verify_stored_log


@pytest.fixture
def demo(db, django_capture_on_commit_callbacks):
    """As on `make run`: after-commit work (withdrawal propagation, mail) runs."""
    with django_capture_on_commit_callbacks(execute=True):
        call_command("demo")


def test_demo_fills_an_empty_database_with_a_living_community(demo):
    assert set(User.objects.filter(role="member").values_list("username", flat=True)) == {
        "alice",
        "bob",
        "carol",
        "dmitri",
    }
    community = Photo.objects.exclude(owner__username="dmitri")
    assert community.count() >= 11
    assert Rendition.objects.filter(photo__in=community).count() == 4 * community.count()
    assert set(community.values_list("visibility", flat=True)) == {"public", "followers", "private"}
    assert Album.objects.exists() and Follow.objects.exists() and Comment.objects.exists()


def test_demo_if_empty_leaves_an_existing_database_alone(alice):
    call_command("demo", "--if-empty")
    assert User.objects.count() == 1
    with pytest.raises(CommandError):
        call_command("demo")


def test_demo_shows_the_moderation_queue_at_work(demo):
    assert User.objects.filter(role="moderator").count() == 2
    assert User.objects.filter(role="admin").count() == 1
    grounds = set(Case.objects.filter(state="open").values_list("notices__ground", flat=True))
    assert grounds == {"illegal", "rules"}
    assert Decision.objects.filter(state="in_force").exists()
    assert Appeal.objects.filter(state="submitted").count() == 1


def test_demo_history_spans_half_a_year_through_every_channel_in_a_valid_chain(demo):
    from datetime import timedelta

    from django.utils import timezone

    from moderation.models import Notice

    channels = set(Notice.objects.values_list("channel", flat=True))
    assert channels == {"web", "api", "moderator", "authority"}
    oldest = Notice.objects.order_by("received_at").first().received_at
    assert oldest < timezone.now() - timedelta(days=150)
    assert Appeal.objects.filter(state="decided").exists()
    assert verify_stored_log().ok


def test_demo_shows_consent_datasets_and_the_lookup(demo):
    from consent.models import AccountConsent, PhotoConsent
    from consent.models.lookup import ExternalDataset
    from consent.models.releases import DeletionNotice, Release, ReleaseDelivery

    assert AccountConsent.objects.filter(allowed=True).exists()
    assert PhotoConsent.objects.filter(allowed=False).exists()
    assert Release.objects.exists() and ReleaseDelivery.objects.exists()
    assert DeletionNotice.objects.filter(acknowledged_at__isnull=True).exists()
    assert ExternalDataset.objects.exists()


def test_demo_staff_sign_in_with_the_printed_demo_only_authenticator(demo):
    printed = StringIO()
    call_command("demo", "--if-empty", stdout=printed)
    assert "DEMO-ONLY" in printed.getvalue() and demo_secret("moana") in printed.getvalue()
    for name in ("moana", "maximilian", "ada"):
        code = StringIO()
        call_command("demo", "--code", name, stdout=code)
        user = User.objects.get(username=name)
        assert second_factor_check(user=user, code=code.getvalue().strip()) is not None
    with pytest.raises(CommandError):
        call_command("demo", "--code", "alice")
