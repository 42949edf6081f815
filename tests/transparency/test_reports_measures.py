"""Own-initiative cases, out-of-court disputes, Art. 23 suspensions and the moderators'
notice endpoint, each counted in the DSA report from the event log."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.management import CommandError, call_command

from core.errors import PermissionDenied, ServiceError
from core.models import Event
from moderation.models import Dispute, Notice
from moderation.services.appeals import appeal_decide, appeal_submit
from moderation.services.disputes import dispute_decide, dispute_record
from moderation.services.notices import rules_deadline
from moderation.services.own_initiative import case_open_own_initiative
from moderation.services.targets import Target
from transparency.reports.dsa import dsa_report

APRIL = datetime(2026, 4, 7, 9, 0, tzinfo=UTC)


def tables(period="2026"):
    return {t.key: t for t in dsa_report(period).tables}


def long_value(table, indicator_start, scope):
    for row in table.rows:
        if row[4].startswith(indicator_start) and row[5] == scope:
            return row[6]
    raise AssertionError(f"no row {indicator_start!r} / {scope!r}")


def test_own_initiative_case_is_logged_and_its_decision_counted(alice, mod, upload, decide):
    with time_machine.travel(APRIL, tick=False):
        photo = upload(alice)
        case = case_open_own_initiative(moderator=mod, target=Target("photo", photo))
        assert case.deadline_at == rules_deadline(APRIL)  # the policy's target, as for reports
        with pytest.raises(ServiceError, match="already has an open case"):
            case_open_own_initiative(moderator=mod, target=Target("photo", photo))
        decide(case, automated_detection=True)
    opened = Event.objects.get(kind="moderation.case_opened")
    assert opened.data == {"case_id": case.pk, "target_type": "photo", "own_initiative": True}
    assert not Notice.objects.exists()
    got = tables()
    terms = got["6_own_initiative_TC"].rows
    assert terms[0][3] == "TOTAL" and terms[0][5:8] == [1, 1, 1]  # measures, automated, removed
    assert terms[0][14] == "not applicable (Candid has no such measure)"
    assert got["5_own_initiative_illegal"].rows[0][5] == 0
    assert dsa_report("2026").received == 0


def test_own_initiative_needs_a_moderator(alice, bob, upload):
    photo = upload(alice)
    with pytest.raises(PermissionDenied):
        case_open_own_initiative(moderator=bob, target=Target("photo", photo))
    assert not Event.objects.filter(kind="moderation.case_opened").exists()


@pytest.fixture
def removal(alice, bob, upload, decide):
    from moderation.services.notices import notice_submit

    with time_machine.travel(APRIL, tick=False):
        photo = upload(alice)
        notice = notice_submit(
            target=Target("photo", photo), ground="rules", rule_code="harassment",
            explanation="The caption mocks a private person.", notifier=bob,
        )  # fmt: skip
        return decide(notice.case)


def test_disputes_are_recorded_decided_and_reported(removal, mod, mod2, alice):
    with time_machine.travel(APRIL + timedelta(days=2), tick=False):
        appeal = appeal_submit(decision=removal, appellant=alice, explanation="It is satire.")
    with time_machine.travel(APRIL + timedelta(days=3), tick=False):
        appeal_decide(appeal=appeal, moderator=mod2, outcome="upheld", reasons="Rule 2 applies.")
    submitted = APRIL + timedelta(days=10)
    with time_machine.travel(APRIL + timedelta(days=11), tick=False):
        dispute = dispute_record(
            moderator=mod, decision=removal, body_name="User Rights GmbH", submitted_at=submitted
        )
    with time_machine.travel(APRIL + timedelta(days=40), tick=False):
        dispute_decide(
            moderator=mod,
            dispute=dispute,
            outcome="reversed",
            decided_at=submitted + timedelta(days=20),
            implemented=True,
        )
    logged = Event.objects.get(kind="moderation.dispute_submitted")
    assert "User Rights" not in str(logged.data) and logged.private["body_name"]
    appeals = tables()["7_appeals_and_recidivism"]
    assert long_value(appeals, "Number of complaints submitted", "Total number") == 1
    assert long_value(appeals, "Number of complaints submitted", "Decisions upheld") == 1
    assert long_value(appeals, "Number of complaints submitted", "Median time") == 24.0
    assert long_value(appeals, "Complaint regarding a decision to remove", "Total number") == 1
    assert long_value(appeals, "Number of restrictions newly imposed", "Total number") == 0
    assert long_value(appeals, "Number of disputes", "Total number") == 1
    assert long_value(appeals, "Number of disputes", "Decisions reversed") == 1
    assert long_value(appeals, "Number of disputes", "Median time") == 480.0
    assert long_value(appeals, "Number of disputes", "Percentage of outcomes implemented") == 100.0


def test_dispute_input_is_checked_and_nothing_changes(removal, mod, bob):
    now = datetime.now(UTC)
    for kwargs, message in [
        ({"body_name": " "}, "Name the out-of-court"),
        ({"submitted_at": now + timedelta(days=1)}, "a past time"),
        ({"submitted_at": removal.applied_at - timedelta(days=1)}, "already applied"),
    ]:
        with pytest.raises(ServiceError, match=message):
            dispute_record(**{"moderator": mod, "decision": removal, "body_name": "ODS",
                              "submitted_at": now - timedelta(hours=1), **kwargs})  # fmt: skip
    with pytest.raises(PermissionDenied):
        dispute_record(moderator=bob, decision=removal, body_name="ODS", submitted_at=now)
    dispute = dispute_record(
        moderator=mod, decision=removal, body_name="ODS", submitted_at=now - timedelta(hours=1)
    )
    with pytest.raises(ServiceError, match="Choose an outcome"):
        dispute_decide(moderator=mod, dispute=dispute, outcome="won", decided_at=now,
                       implemented=False)  # fmt: skip
    with pytest.raises(ServiceError, match="before the dispute"):
        dispute_decide(moderator=mod, dispute=dispute, outcome="upheld",
                       decided_at=now - timedelta(days=1), implemented=False)  # fmt: skip
    dispute.refresh_from_db()
    assert dispute.outcome == "" and Dispute.objects.count() == 1
    assert Event.objects.filter(kind__startswith="moderation.dispute").count() == 1


def test_dispute_command_records_and_decides(removal, mod, capsys):
    call_command("dispute", "record", "--moderator", "mod1", "--decision", str(removal.pk),
                 "--body", "ODS Berlin", "--submitted", "2026-04-20T10:00Z")  # fmt: skip
    dispute = Dispute.objects.get()
    call_command("dispute", "decide", "--moderator", "mod1", "--dispute", str(dispute.pk),
                 "--outcome", "omitted", "--decided", "2026-05-01T10:00Z")  # fmt: skip
    dispute.refresh_from_db()
    assert dispute.outcome == "omitted" and not dispute.implemented
    assert dispute.reference in capsys.readouterr().out
    with pytest.raises(CommandError, match="time zone"):
        call_command("dispute", "record", "--moderator", "mod1", "--decision",
                     str(removal.pk), "--body", "X", "--submitted", "yesterday")  # fmt: skip


def test_art_23_suspension_of_a_notifier_is_counted(bob, make_user, upload, decide, settings):
    from moderation.models import ModerationPolicy
    from moderation.services.notices import notice_submit

    ModerationPolicy.objects.update_or_create(
        pk=1,
        defaults={
            "misuse_warning_after": 1,
            "misuse_deprioritise_after": 2,
            "misuse_suspend_after": 2,
        },  # fmt: skip
    )
    owner = make_user("owner")
    with time_machine.travel(APRIL, tick=False):
        for _ in range(3):  # a warning, deprioritising, then the suspension
            notice = notice_submit(
                target=Target("photo", upload(owner)), ground="rules", rule_code="spam",
                explanation="This is spam, surely it is.", notifier=bob,
            )  # fmt: skip
            decide(notice.case, action="no_action", facts="Nothing wrong with this photo.",
                   unfounded_notice_ids=[notice.pk])  # fmt: skip
    appeals = tables()["7_appeals_and_recidivism"]
    assert long_value(appeals, "Number of suspensions enacted for the provision of manifestly "
                      "unfounded notices", "Total number") == 1  # fmt: skip


def test_moderator_endpoint_refuses_non_moderators_and_bad_input(api, alice, bob, mod, upload):
    photo = upload(alice)
    order = {"target_type": "photo", "target_id": photo.pk, "channel": "authority",
             "ground": "illegal", "country": "DE", "law": "StGB §130",
             "explanation": "Order to remove: incitement."}  # fmt: skip
    assert api(bob).post("/moderation/notices", order).status_code == 403
    assert api().post("/moderation/notices", order).status_code == 401
    bad = api(mod).post("/moderation/notices", {**order, "country": ""})
    assert bad.status_code == 400 and "country" in bad.json()["detail"]
    wrong = api(mod).post("/moderation/notices", {**order, "channel": "web"})
    assert wrong.status_code == 422
    assert not Notice.objects.exists()
    created = api(mod).post("/moderation/notices", {**order, "notifier_type": "user"})
    assert created.status_code == 201 and created.json()["notifier_type"] == "authority"
    notice = Notice.objects.get()
    assert (notice.channel, notice.notifier_type) == ("authority", "authority")
    event = Event.objects.get(kind="moderation.notice_received")
    assert event.data["offence"] == "StGB §130" and event.data["channel"] == "authority"


def test_own_initiative_endpoint(api, alice, bob, mod, upload):
    photo = upload(alice)
    item = {"target_type": "photo", "target_id": photo.pk}
    assert api(bob).post("/moderation/cases", item).status_code == 403
    response = api(mod).post("/moderation/cases", item)
    assert response.status_code == 201 and response.json()["own_initiative"] is True
    assert api(mod).post("/moderation/cases", item).status_code == 400


def test_a_notice_joining_an_own_initiative_case_makes_its_decision_a_notice_action(
    alice, mod, upload, report, decide
):
    photo = upload(alice)
    case = case_open_own_initiative(moderator=mod, target=Target("photo", photo))
    notice = report(photo)
    assert notice.case.pk == case.pk
    case.refresh_from_db()
    assert not case.own_initiative
    decision = decide(case)
    applied = Event.objects.get(kind="moderation.decision_applied", subject_id=decision.pk)
    assert applied.data["own_initiative"] is False
    assert decision.statement.fields["source_type"] != "SOURCE_VOLUNTARY"
