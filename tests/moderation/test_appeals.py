from datetime import UTC, datetime, timedelta

import pytest
from dateutil.relativedelta import relativedelta
from django.core import mail
from django.utils import timezone

from core.deadlines import deadline
from core.errors import PermissionDenied, ServiceError
from core.models import Event
from moderation.models import Appeal, Notice, Strike
from moderation.selectors import (
    appeal_deadline,
    appeal_open,
    decision_answering,
    moderator_audit,
)
from moderation.services.appeals import appeal_decide, appeal_submit
from photos.selectors import photo_for_viewer
from tests.moderation_fixtures import NO_ACTION, REMOVAL


@pytest.fixture
def removed(photo, report, decide):
    notice = report(photo)
    return decide(notice.case), notice


def test_owner_appeals_and_a_different_moderator_reverses_restoring_exact_content(
    photo, alice, bob, removed, mod, mod2, django_capture_on_commit_callbacks
):
    decision, notice = removed
    before = (photo.title, photo.original, list(photo.renditions.values_list("file", flat=True)))
    appeal = appeal_submit(
        decision=decision,
        appellant=alice,
        explanation="This is my own harbour photo, nobody is named.",
    )
    decision.case.refresh_from_db()
    assert appeal.role == "affected" and decision.case.state == "appealed"
    with pytest.raises(PermissionDenied, match="no part"):
        appeal_decide(appeal=appeal, moderator=mod, outcome="reversed", reasons="I was wrong.")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        appeal_decide(
            appeal=appeal,
            moderator=mod2,
            outcome="reversed",
            reasons="The caption names nobody; the report was mistaken.",
        )
    photo.refresh_from_db()
    assert photo.removed_at is None and photo_for_viewer(bob, photo.pk) == photo
    assert (
        photo.title,
        photo.original,
        list(photo.renditions.values_list("file", flat=True)),
    ) == before
    assert Strike.objects.get(decision=decision).removed_at is not None
    decision.refresh_from_db()
    assert decision.state == "reversed"
    assert decision.case.state == "decided"  # out of the queue once the appeal is decided
    kinds = set(Event.objects.values_list("kind", flat=True))
    assert {"moderation.appeal_decided", "moderation.decision_reversed"} <= kinds
    assert {m.to[0] for m in mail.outbox} == {alice.email, bob.email}


def test_notifier_can_appeal_a_no_action_decision(photo, bob, report, decide, mod2):
    notice = report(photo)
    decision = decide(notice.case, **NO_ACTION)
    appeal = appeal_submit(
        decision=decision, appellant=bob, explanation="The photo clearly mocks my neighbour."
    )
    assert appeal.role == "notifier"
    decided = appeal_decide(
        appeal=appeal,
        moderator=mod2,
        outcome="upheld",
        reasons="Nothing in the photo identifies anyone.",
    )
    assert decided.outcome == "upheld"


def test_a_notifier_wins_an_appeal_against_no_action_only_with_a_measure(
    photo, bob, report, decide, mod2
):
    from moderation.models import Decision
    from moderation.services.decisions import DecisionInput

    decision = decide(report(photo).case, **NO_ACTION)
    appeal = appeal_submit(decision=decision, appellant=bob, explanation="It names my neighbour.")
    with pytest.raises(ServiceError, match="choose 'modified'"):
        appeal_decide(appeal=appeal, moderator=mod2, outcome="reversed", reasons="Bob is right.")
    decision.refresh_from_db()
    assert decision.state == "in_force" and Appeal.objects.get().state == "submitted"
    appeal_decide(
        appeal=appeal,
        moderator=mod2,
        outcome="modified",
        reasons="Bob is right: the caption names a private person.",
        replacement=DecisionInput(**REMOVAL),
    )
    photo.refresh_from_db()
    assert photo.removed_at is not None
    assert Decision.objects.get(appeal_of=appeal).action == "remove"


@pytest.mark.parametrize("party", ["owner", "notifier"])
def test_a_party_to_the_case_cannot_decide_its_appeal(party, upload, make_user, report, decide):
    owner, notifier = make_user("olga", role="moderator"), make_user("nina", role="moderator")
    notice = report(upload(owner), notifier=notifier)
    decision = decide(notice.case)
    appellant = owner if party == "owner" else notifier
    appeal = appeal_submit(
        decision=decision, appellant=appellant, explanation="Please look at this again."
    )
    with pytest.raises(PermissionDenied, match="party to this case"):
        appeal_decide(appeal=appeal, moderator=owner, outcome="upheld", reasons="Looked again.")
    with pytest.raises(PermissionDenied, match="party to this case"):
        appeal_decide(appeal=appeal, moderator=notifier, outcome="upheld", reasons="Looked again.")
    assert Appeal.objects.get().state == "submitted"


def test_anonymous_notifier_appeals_with_the_token_from_the_email(photo, decide):
    from moderation.services.notices import notice_submit
    from moderation.services.targets import Target

    notice = notice_submit(
        target=Target("photo", photo),
        ground="rules",
        rule_code="spam",
        explanation="Advertising in every caption.",
        notifier_name="Eve",
        notifier_email="eve@example.org",
    )
    decision = decide(notice.case, **NO_ACTION)
    appeal = appeal_submit(
        decision=decision,
        appeal_token=notice.appeal_token,
        explanation="Please look again at the captions.",
    )
    assert appeal.appellant_email == "eve@example.org"
    with pytest.raises(PermissionDenied):
        appeal_submit(
            decision=decision,
            appeal_token="forged",
            explanation="Please look again at the captions.",
        )


def test_appeal_by_a_stranger_or_after_six_months_is_refused(
    removed, alice, make_user, time_machine
):
    decision, _ = removed
    with pytest.raises(PermissionDenied):
        appeal_submit(
            decision=decision,
            appellant=make_user("stranger"),
            explanation="I just do not like this decision.",
        )
    time_machine.move_to(decision.statement.sent_at + relativedelta(months=6, days=1))
    with pytest.raises(ServiceError, match="six-month"):
        appeal_submit(decision=decision, appellant=alice, explanation="Too late, sorry, but.")
    assert not Appeal.objects.exists()


def test_appeal_on_the_last_day_of_six_calendar_months_is_accepted(
    alice, upload, report, decide, time_machine
):
    """Told on 1 March, a party may still appeal at the end of 1 September (183 days
    would have closed the window on 31 August)."""
    from moderation.models import RuleSet

    time_machine.move_to(datetime(2026, 3, 1, 10, 0, tzinfo=UTC))
    RuleSet.objects.update(effective_at=datetime(2020, 1, 1, tzinfo=UTC))
    decision = decide(report(upload(alice)).case)
    time_machine.move_to(datetime(2026, 9, 1, 23, 59, 59, tzinfo=UTC))
    assert appeal_submit(
        decision=decision, appellant=alice, explanation="Late but within the period."
    ).pk


def test_appeal_attachment_must_be_pdf_or_image(removed, alice):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile

    decision, _ = removed
    bad = SimpleUploadedFile("x.exe", b"MZ\x90\x00 binary", "application/octet-stream")
    with pytest.raises(ServiceError, match="PDF"):
        appeal_submit(
            decision=decision,
            appellant=alice,
            attachment=bad,
            explanation="See the attached contract.",
        )
    good = SimpleUploadedFile("c.pdf", b"%PDF-1.4 contract", "application/pdf")
    assert appeal_submit(
        decision=decision,
        appellant=alice,
        attachment=good,
        explanation="See the attached contract.",
    ).attachment
    assert io


def test_modified_outcome_replaces_the_measure_with_a_lighter_one(photo, alice, removed, mod2):
    from moderation.models import Decision
    from moderation.services.decisions import DecisionInput

    decision, notice = removed
    appeal = appeal_submit(
        decision=decision, appellant=alice, explanation="Removal is too much; a label would do."
    )
    with pytest.raises(ServiceError, match="new measure"):
        appeal_decide(
            appeal=appeal,
            moderator=mod2,
            outcome="modified",
            reasons="A label is enough for this photo.",
        )
    photo.refresh_from_db()
    assert photo.removed_at is not None
    appeal_decide(
        appeal=appeal,
        moderator=mod2,
        outcome="modified",
        reasons="A label is enough for this photo.",
        replacement=DecisionInput(
            action="label_sensitive",
            ground="rules",
            rule_code="sensitive-label",
            rule_explanation="Graphic content needs a label, not removal.",
            facts="The photo shows an injury; it is documentary.",
        ),
    )
    photo.refresh_from_db()
    decision.refresh_from_db()
    replacement = Decision.objects.get(appeal_of=appeal)
    assert photo.removed_at is None and photo.sensitive
    assert decision.state == "superseded" and replacement.state == "in_force"
    assert replacement.moderator == mod2 and replacement.statement.recipient == alice
    assert Strike.objects.get(decision=decision).removed_at is not None
    notice = Notice.objects.prefetch_related("case__decisions").get(pk=notice.pk)
    assert decision_answering(notice) == decision  # not the appeal's replacement
    assert not appeal_open(decision, decision.statement.sent_at, timezone.now())  # superseded
    assert appeal_open(replacement, replacement.statement.sent_at, timezone.now())


def test_the_appeal_period_runs_six_months_from_being_told(removed):
    decision, _ = removed
    told = decision.statement.sent_at
    assert appeal_deadline(told) == deadline("appeal_window", start=told)
    assert appeal_open(decision, told, told + relativedelta(months=6))
    assert appeal_open(decision, told, appeal_deadline(told))  # its last moment
    assert not appeal_open(decision, told, appeal_deadline(told) + timedelta(microseconds=1))
    assert not appeal_open(decision, None, told) and appeal_deadline(None) is None


def test_modified_outcome_cannot_impose_an_account_measure(alice, removed, mod2):
    from moderation.services.decisions import DecisionInput

    decision, _ = removed
    appeal = appeal_submit(
        decision=decision, appellant=alice, explanation="Please look at this again."
    )
    with pytest.raises(ServiceError, match="four eyes"):
        appeal_decide(
            appeal=appeal,
            moderator=mod2,
            outcome="modified",
            reasons="Suspension instead of removal.",
            replacement=DecisionInput(
                action="suspend",
                duration_days=7,
                ground="rules",
                rule_code="harassment",
                rule_explanation="Repeated targeting.",
                facts="Several reports about the same user.",
            ),
        )
    decision.refresh_from_db()
    assert decision.state == "in_force"


def test_audit_counts_appeals_and_overturns_per_moderator(alice, upload, report, decide, mod, mod2):
    reversed_, upheld, unappealed = (decide(report(upload(alice, title=t)).case) for t in "abc")
    for decision, outcome in ((reversed_, "reversed"), (upheld, "upheld")):
        appeal = appeal_submit(
            decision=decision, appellant=alice, explanation="Please look at this again."
        )
        appeal_decide(
            appeal=appeal, moderator=mod2, outcome=outcome, reasons="Looked again with care."
        )
    [row] = moderator_audit()
    assert row["moderator"] == mod and row["decisions"] == 3
    assert row["appeal_rate"] == pytest.approx(2 / 3) and row["overturn_rate"] == 0.5


def test_a_second_open_appeal_by_the_same_party_is_refused_and_changes_nothing(removed, alice, bob):
    decision, _ = removed
    appeal_submit(decision=decision, appellant=alice, explanation="It is my own harbour photo.")
    events = Event.objects.count()
    with pytest.raises(ServiceError, match="already have an open appeal"):
        appeal_submit(decision=decision, appellant=alice, explanation="Again: it is my photo.")
    assert Appeal.objects.count() == 1 and Event.objects.count() == events
    assert appeal_submit(decision=decision, appellant=bob, explanation="Too soft a measure.")


def test_the_database_holds_one_open_appeal_per_party_without_the_service(removed, alice):
    from django.db import IntegrityError, transaction

    decision, _ = removed
    first = appeal_submit(decision=decision, appellant=alice, explanation="It is my own photo.")
    with pytest.raises(IntegrityError), transaction.atomic():
        Appeal.objects.create(**_copy(first, role="affected", email="new@example.org", ref="A-2"))
    Appeal.objects.create(**_copy(first, role="notifier", email="bob@example.org", ref="A-3"))
    with pytest.raises(IntegrityError), transaction.atomic():
        Appeal.objects.create(**_copy(first, role="notifier", email="Bob@Example.org", ref="A-4"))
    Appeal.objects.filter(pk=first.pk).update(state="decided")
    assert Appeal.objects.create(**_copy(first, role="affected", email="", ref="A-5"))


def _copy(appeal: Appeal, *, role: str, email: str, ref: str) -> dict:
    return dict(
        reference=ref,
        decision=appeal.decision,
        appellant_email=email,
        role=role,
        explanation=appeal.explanation,
        submitted_at=appeal.submitted_at,
    )
