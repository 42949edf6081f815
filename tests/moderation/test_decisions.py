import pytest
from django.core import mail

from core.errors import PermissionDenied, ServiceError
from core.models import Event
from moderation.models import Decision, Evidence, Notice, StatementOfReasons, Strike
from moderation.services.decisions import Conflict
from photos.selectors import explore_photos, photo_for_viewer, photos_matching
from tests.moderation_fixtures import NO_ACTION


def test_removal_hides_keeps_evidence_sends_statement_and_informs_notifier(
    photo, alice, bob, report, decide, media_dir, django_capture_on_commit_callbacks
):
    notice = report(photo)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        decision = decide(notice.case)
    photo.refresh_from_db()
    assert photo.removed_at is not None
    assert photo_for_viewer(alice, photo.pk) is None and photo_for_viewer(bob, photo.pk) is None
    assert (media_dir / photo.original).exists()
    evidence = Evidence.objects.get(decision=decision)
    assert (media_dir / evidence.image).exists() and evidence.text["title"] == "Harbour at night"
    statement = StatementOfReasons.objects.get(decision=decision)
    assert statement.recipient == alice
    assert statement.fields["decision_visibility"] == ["DECISION_VISIBILITY_CONTENT_REMOVED"]
    assert statement.fields["decision_ground"] == "DECISION_GROUND_INCOMPATIBLE_CONTENT"
    assert "alice" not in str(statement.fields)
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert "statement of reasons" in subjects[alice.email]
    assert "appeal" in mail.outbox[[m.to[0] for m in mail.outbox].index(alice.email)].body
    assert "decision on your report" in subjects[bob.email]
    notice.refresh_from_db()
    assert notice.outcome == "actioned" and notice.notifier_informed_at is not None
    assert Strike.objects.filter(user=alice, decision=decision).exists()
    kinds = list(
        Event.objects.filter(kind__startswith="moderation.").values_list("kind", flat=True)
    )
    assert kinds == [
        "moderation.case_opened",
        "moderation.notice_received",
        "moderation.decision_applied",
        "moderation.statement_sent",
        "moderation.notifier_informed",
    ]


def test_no_action_tells_the_notifier_and_sends_no_statement(photo, report, decide):
    notice = report(photo)
    decision = decide(notice.case, **NO_ACTION)
    assert not StatementOfReasons.objects.filter(decision=decision).exists()
    notice.refresh_from_db()
    assert notice.outcome == Notice.Outcome.NO_ACTION


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"facts": ""}, "facts"),
        ({"ground": ""}, "ground"),
        ({"rule_code": "nope"}, "community rule"),
        ({"rule_explanation": ""}, "community rule"),
        ({"ground": "illegal", "legal_ground": "", "legal_explanation": "x"}, "Cite the law"),
        (
            {
                "ground": "illegal",
                "legal_ground": "StGB",
                "legal_explanation": "x",
                "category": "NOPE",
            },
            "category",
        ),
        ({"action": "withhold", "countries": []}, "countries"),
        ({"action": "suspend", "duration_days": None}, "duration"),
        ({"action": "label_sensitive"}, "applies to"),
        ({"action": "restrict", "duration_days": 7}, "Only a suspension has a duration"),
        ({"action": "withhold", "countries": ["Germany"]}, "two-letter codes"),
    ],
)
def test_decision_without_statement_fields_cannot_be_saved(
    photo, report, decide, bob, fields, message
):
    from social.services import comment_post

    target = photo
    if fields.get("action") == "label_sensitive":
        from moderation.services.targets import Target

        target = Target("comment", comment_post(author=bob, photo_id=photo.pk, body="text"))
    notice = report(target)
    with pytest.raises(ServiceError, match=message):
        decide(notice.case, **fields)
    assert not Decision.objects.exists()
    photo.refresh_from_db()
    assert photo.removed_at is None


def test_label_restrict_and_withhold(photo, report, decide, alice, upload):
    restricted = upload(alice, title="harbour two")
    decide(report(photo).case, action="label_sensitive")
    decide(report(restricted).case, action="restrict")
    photo.refresh_from_db()
    restricted.refresh_from_db()
    assert photo.sensitive and restricted.demoted
    assert restricted not in explore_photos(None) and restricted not in photos_matching(
        "harbour", None
    )
    assert photo_for_viewer(None, restricted.pk) == restricted


def test_withholding_hides_only_in_named_countries(photo, report, decide):
    decide(
        report(photo).case,
        action="withhold",
        ground="illegal",
        category=("STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH"),
        legal_ground="StGB §86a",
        legal_explanation="Shows a prohibited symbol.",
        countries=["de", "AT"],
    )
    from photos.selectors import photos_visible_to

    assert photo not in photos_visible_to(None, country="DE")
    assert photo in photos_visible_to(None, country="FR")
    assert photo in photos_visible_to(None)


def test_only_moderators_decide_and_not_about_their_own_content(
    photo, report, decide, bob, make_user, upload
):
    case = report(photo).case
    with pytest.raises(PermissionDenied):
        decide(case, moderator=bob)
    moderator_photo = upload(make_user("selfmod", role="moderator"), title="mine")
    own_case = report(moderator_photo).case
    with pytest.raises(PermissionDenied):
        decide(own_case, moderator=moderator_photo.owner)
    assert not Decision.objects.exists()


def test_stale_case_version_is_refused(photo, report, decide, mod, mod2):
    from moderation.services.decisions import DecisionInput, decision_issue

    case = report(photo).case
    seen = case.version
    decide(case, moderator=mod)
    with pytest.raises(Conflict):
        decision_issue(
            case=case,
            moderator=mod2,
            data=DecisionInput(action="no_action", facts="Nothing wrong with this photo."),
            expected_version=seen,
        )
    assert Decision.objects.count() == 1


def test_content_whose_storage_is_unlawful_is_purged_at_once(
    photo, report, decide, media_dir, django_capture_on_commit_callbacks
):
    from photos.models import Photo

    original = media_dir / photo.original
    with django_capture_on_commit_callbacks(execute=True):
        decision = decide(report(photo).case, rule_code="minors", storage_unlawful=True)
    assert not Photo.objects.filter(pk=photo.pk).exists() and not original.exists()
    assert decision.evidence.image == ""
    assert Event.objects.filter(kind="moderation.content_purged").exists()


def test_withholding_applies_to_photos_only(alice, report, decide):
    from moderation.services.targets import Target
    from photos.services import album_create

    album = album_create(owner=alice, title="Trip")
    with pytest.raises(ServiceError, match="applies to: Photo"):
        decide(report(Target("album", album)).case, action="withhold", countries=["DE"])
    assert not Decision.objects.exists()


def test_the_notifier_is_told_the_reasons_of_the_decision(
    photo, report, decide, bob, django_capture_on_commit_callbacks
):
    """NetzDG §3(2) no. 5: the complainant is informed of the decision with reasons."""
    from django.core import mail

    case = report(photo).case
    with django_capture_on_commit_callbacks(execute=True):
        decide(case)
    [told] = [m for m in mail.outbox if m.to == [bob.email]]
    assert "Community rule: harassment" in told.body and "(version 1)" in told.body
    assert "Why: The caption names and mocks a private person." in told.body
    mail.outbox.clear()
    other = report(photo, rule_code="spam", explanation="Looks like advertising to me.")
    with django_capture_on_commit_callbacks(execute=True):
        decide(
            other.case,
            **NO_ACTION,
            facts="The caption names nobody and advertises nothing.",
        )
    [told] = [m for m in mail.outbox if m.to == [bob.email]]
    assert "Why no action was taken: The caption names nobody and advertises nothing." in told.body
