from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from core.errors import ServiceError
from core.models import Event
from moderation.models import Case, ModerationPolicy, Notice
from moderation.services.notices import notice_submit
from moderation.services.targets import NotCandidContent, Target, target_from_url


def test_signed_in_rules_report_is_prefilled_confirmed_and_counted(
    photo, bob, report, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notice = report(photo)
    assert notice.notifier_name == bob.name and notice.notifier_email == bob.email
    assert notice.reference.startswith("N-") and notice.case.target_owner == photo.owner
    assert Event.objects.filter(kind="moderation.notice_received", subject_id=notice.pk).exists()
    assert Event.objects.filter(kind="moderation.case_opened").count() == 1
    assert len(mail.outbox) == 1 and notice.reference in mail.outbox[0].subject
    hours = ModerationPolicy.current().rules_target_hours
    assert notice.deadline_at - notice.received_at == timedelta(hours=hours)


def test_anonymous_illegal_content_notice_needs_name_email_and_good_faith(photo):
    base = dict(
        target=Target("photo", photo),
        ground="illegal",
        country="DE",
        law="StGB §201a",
        explanation="Photo taken inside a private flat.",
    )
    with pytest.raises(ServiceError, match="name and email"):
        notice_submit(**base, good_faith=True)
    with pytest.raises(ServiceError, match="good-faith"):
        notice_submit(**base, notifier_name="Eve", notifier_email="eve@example.org")
    assert Notice.objects.count() == 0 and Case.objects.count() == 0
    notice = notice_submit(
        **base, notifier_name="Eve", notifier_email="eve@example.org", good_faith=True
    )
    assert notice.appeal_token and notice.channel == "web"


def test_deadlines_24_hours_for_manifestly_illegal_and_7_days_for_other_illegal(photo, report):
    now = timezone.now()
    manifest = report(
        photo,
        ground="illegal",
        country="DE",
        law="StGB §130",
        good_faith=True,
        netzdg_manifest=True,
        now=now,
    )
    other = report(photo, ground="illegal", country="DE", law="UrhG §97", good_faith=True, now=now)
    assert manifest.deadline_at == now + timedelta(hours=24)
    assert other.deadline_at == now + timedelta(days=7)


def test_notices_about_one_item_join_one_case_that_keeps_the_earliest_deadline(
    photo, report, make_user
):
    first = report(photo)
    later = report(
        photo,
        notifier=make_user(),
        ground="illegal",
        country="DE",
        law="StGB §130",
        good_faith=True,
        netzdg_manifest=True,
    )
    assert first.case_id == later.case_id
    case = Case.objects.get()
    assert case.deadline_at == later.deadline_at < first.deadline_at
    assert case.notices.count() == 2


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"explanation": ""}, "explain"),
        ({"rule_code": "no-such-rule"}, "Unknown rule"),
        ({"ground": "illegal", "country": "", "law": "x", "good_faith": True}, "country"),
        ({"ground": "illegal", "country": "DE", "law": "", "good_faith": True}, "law"),
        ({"ground": "opinion"}, "Choose whether"),
    ],
)
def test_bad_notice_is_refused_and_changes_nothing(photo, report, fields, message):
    with pytest.raises(ServiceError, match=message):
        report(photo, **fields)
    assert Notice.objects.count() == 0 and Case.objects.count() == 0
    assert not Event.objects.filter(kind__startswith="moderation.").exists()


def test_report_targets_resolve_from_candid_links_only(photo, alice, bob, settings):
    from social.services import comment_post

    comment = comment_post(author=bob, photo_id=photo.pk, body="rude words here")
    assert target_from_url(f"{settings.SITE_URL}/photos/{photo.pk}/").obj == photo
    assert target_from_url(f"/photos/{photo.pk}/#comment-{comment.pk}").obj == comment
    assert target_from_url(f"/u/{alice.username}/").obj == alice
    for bad in ["https://evil.example/photos/1/", "/explore/", "/photos/999999/", "nonsense"]:
        with pytest.raises(NotCandidContent):
            target_from_url(bad)


def test_trusted_flagger_notices_go_first(photo, report, upload, alice):
    other = upload(alice, title="other")
    normal = report(photo)
    flagged = report(other, notifier_type="trusted_flagger")
    from moderation.selectors import moderation_queue

    assert list(moderation_queue()) == [flagged.case, normal.case]


def test_a_repeated_notice_returns_the_first_with_its_reference_and_stores_nothing(
    photo, report, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = report(photo)
        again = report(photo)
    assert again.pk == first.pk and again.reference == first.reference
    assert Notice.objects.count() == 1 and len(mail.outbox) == 1
    assert Event.objects.filter(kind="moderation.notice_received").count() == 1
    assert Case.objects.get().version == 0  # the repeat did not touch the case either


def test_an_anonymous_repeat_is_known_by_email_in_any_case(photo, report):
    anonymous = dict(notifier=None, notifier_name="Eve")
    first = report(photo, notifier_email="eve@example.org", **anonymous)
    assert report(photo, notifier_email="EVE@example.org", **anonymous).pk == first.pk
    assert report(photo, notifier_email="max@example.org", **anonymous).pk != first.pk


def test_a_notice_that_says_something_new_or_comes_later_is_a_new_notice(
    photo, report, time_machine
):
    first = report(photo)
    assert report(photo, explanation="Now the caption also gives her address.").pk != first.pk
    assert report(photo, rule_code="spam").pk != first.pk
    assert report(photo, channel="moderator").pk != first.pk  # staff entries are never merged
    time_machine.move_to(timezone.now() + timedelta(minutes=11))
    assert report(photo).pk != first.pk
    assert Notice.objects.count() == 5
