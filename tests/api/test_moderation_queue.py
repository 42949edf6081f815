"""Moderators' API: only moderators get in; the queue, cases, decisions with statements of
reasons, the four-eyes rule, conflicts, appeals and the audit."""

from datetime import timedelta

import pytest
from django.utils import timezone

from moderation.models import Appeal, Case, Decision, StatementOfReasons
from moderation.services.appeals import appeal_submit
from moderation.services.decisions import DecisionInput, decision_issue

REMOVAL = {
    "action": "remove",
    "ground": "rules",
    "rule_code": "harassment",
    "rule_explanation": "The caption names and mocks a private person.",
    "facts": "Reported by a user; the caption names a private person.",
}


def decide(api, moderator, case, **changes):
    case.refresh_from_db()
    body = {**REMOVAL, "expected_version": case.version, **changes}
    return api(moderator).post(f"/moderation/cases/{case.pk}/decisions", body)


def test_moderation_endpoints_refuse_members_and_anonymous_callers(photo, alice, bob, report, api):
    case = report(photo).case
    reads = ["/moderation/queue", f"/moderation/cases/{case.pk}", "/moderation/appeals"]
    reads.append("/moderation/audit")
    writes = {
        f"/moderation/cases/{case.pk}/decisions": {**REMOVAL, "expected_version": case.version},
        "/moderation/decisions/1/approve": {},
        "/moderation/decisions/1/reject": {"reason": "Not enough evidence."},
        "/moderation/appeals/1/decide": {"outcome": "upheld", "reasons": "Rule clearly broken."},
    }
    for path in reads:
        assert api().get(path).status_code == 401
        response = api(bob).get(path)
        assert response.status_code == 403
        assert response.json()["detail"] == "Only moderators can do this."
    for path, body in writes.items():
        assert api().post(path, body).status_code == 401
        response = api(bob).post(path, body)
        assert response.status_code == 403
        assert response.json()["detail"] == "Only moderators can do this."
    case.refresh_from_db()
    assert case.state == "open" and not Decision.objects.exists()
    photo.refresh_from_db()
    assert photo.removed_at is None


def test_moderator_needs_the_write_scope_to_decide(photo, report, mod, api):
    case = report(photo).case
    response = api(mod, "read").post(
        f"/moderation/cases/{case.pk}/decisions", {**REMOVAL, "expected_version": case.version}
    )
    assert response.status_code == 403 and "“write” scope" in response.json()["detail"]
    assert not Decision.objects.exists()


def test_queue_orders_by_deadline_and_shows_time_left(
    alice, upload, report, mod, api, time_machine
):
    start = timezone.now().replace(microsecond=0) + timedelta(days=1)
    time_machine.move_to(start, tick=False)
    calm, urgent = upload(alice, title="calm"), upload(alice, title="urgent")
    report(calm)
    report(calm, explanation="Another person finds this caption mocking too.")
    report(
        urgent,
        ground="illegal",
        rule_code="",
        country="DE",
        law="StGB §185",
        netzdg_manifest=True,
        good_faith=True,
    )
    items = api(mod).get("/moderation/queue").json()["items"]
    assert [(i["target_id"], i["notice_count"]) for i in items] == [(urgent.pk, 1), (calm.pk, 2)]
    assert items[0]["seconds_left"] == 24 * 3600 and items[0]["overdue"] is False
    assert items[1]["seconds_left"] == 72 * 3600 and items[1]["state"] == "open"
    time_machine.move_to(start + timedelta(hours=25), tick=False)
    first = api(mod).get("/moderation/queue").json()["items"][0]
    assert first["overdue"] is True and first["seconds_left"] == -3600


def test_case_shows_notices_with_notifier_contact_and_its_version(photo, alice, report, api, mod):
    notice = report(photo)
    body = api(mod).get(f"/moderation/cases/{notice.case_id}").json()
    assert body["version"] == notice.case.version and body["state"] == "open"
    assert body["target_owner"]["username"] == alice.username
    assert body["target_url"].endswith(f"/photos/{photo.pk}/")
    [shown] = body["notices"]
    assert (shown["id"], shown["reference"]) == (notice.pk, notice.reference)
    assert (shown["notifier"], shown["notifier_email"]) == ("bob", "bob@example.org")
    assert shown["rule"] == {"code": "harassment", "title": notice.rule.title, "version": 1}
    assert body["decisions"] == [] and body["strike_proposal"] == ""
    assert api(mod).get("/moderation/cases/999999").status_code == 404


def test_removal_decision_applies_and_sends_a_statement(photo, alice, report, mod, api):
    case = report(photo).case
    response = decide(api, mod, case)
    assert response.status_code == 201
    body = response.json()
    decision = Decision.objects.get()
    assert (body["id"], body["state"], body["action"]) == (decision.pk, "in_force", "remove")
    assert body["statement_puid"] == StatementOfReasons.objects.get(recipient=alice).puid
    assert body["moderator"]["username"] == "mod1"
    assert body["rule"]["code"] == "harassment"
    photo.refresh_from_db()
    case.refresh_from_db()
    assert photo.removed_at is not None and case.state == "decided"
    assert api().get(f"/photos/{photo.pk}").status_code == 404
    detail = api(mod).get(f"/moderation/cases/{case.pk}").json()
    assert [d["id"] for d in detail["decisions"]] == [decision.pk]
    assert "strike" in detail["strike_proposal"]


def test_decision_lacking_statement_fields_is_refused_and_changes_nothing(photo, report, mod, api):
    case = report(photo).case
    refusals = {
        "facts": ({"facts": "short"}, "State the facts"),
        "rule": ({"rule_code": "no-such-rule"}, "Cite a community rule"),
        "why": ({"rule_explanation": ""}, "Cite a community rule"),
        "ground": ({"ground": ""}, "Choose the ground"),
        "law": ({"ground": "illegal", "legal_ground": ""}, "Cite the law"),
        "countries": ({"action": "withhold", "countries": []}, "Name the countries"),
        "duration": ({"action": "suspend", "duration_days": None}, "needs a duration"),
    }
    for change, message in refusals.values():
        response = decide(api, mod, case, **change)
        assert response.status_code == 400
        assert message in response.json()["detail"]
    response = decide(api, mod, case, action="delete")
    assert response.status_code == 422
    case.refresh_from_db()
    photo.refresh_from_db()
    assert not Decision.objects.exists() and case.state == "open" and photo.removed_at is None


def test_deciding_with_a_stale_version_answers_409(photo, report, mod, mod2, api):
    case = report(photo).case
    seen = case.version
    report(photo, explanation="A second report about the same caption.")
    response = api(mod).post(
        f"/moderation/cases/{case.pk}/decisions", {**REMOVAL, "expected_version": seen}
    )
    assert response.status_code == 409
    assert "changed while you were looking" in response.json()["detail"]
    assert decide(api, mod, case).status_code == 201
    late = api(mod2).post(
        f"/moderation/cases/{case.pk}/decisions", {**REMOVAL, "expected_version": seen + 1}
    )
    assert late.status_code == 409
    assert Decision.objects.count() == 1


def test_moderator_cannot_decide_about_own_content(mod, upload, report, api):
    case = report(upload(mod)).case
    response = decide(api, mod, case)
    assert response.status_code == 403 and "your own content" in response.json()["detail"]
    assert not Decision.objects.exists()


def test_suspension_waits_for_a_second_moderator(photo, alice, report, mod, mod2, api):
    case = report(photo).case
    suspension = {"action": "suspend", "duration_days": 7}
    proposed = decide(api, mod, case, **suspension).json()
    assert proposed["state"] == "pending_approval" and proposed["statement_puid"] is None
    alice.refresh_from_db()
    assert alice.suspended_until is None
    path = f"/moderation/decisions/{proposed['id']}/approve"
    own = api(mod).post(path)
    assert own.status_code == 403 and "second moderator" in own.json()["detail"]
    approved = api(mod2).post(path).json()
    assert approved["state"] == "in_force" and approved["approved_by"]["username"] == "mod2"
    assert approved["statement_puid"]
    alice.refresh_from_db()
    assert alice.suspended_until is not None
    assert api(mod2).post(path).status_code == 409


def test_second_moderator_can_turn_a_suspension_down_with_a_reason(
    photo, alice, report, mod, mod2, api
):
    case = report(photo).case
    proposed = decide(api, mod, case, action="terminate").json()
    path = f"/moderation/decisions/{proposed['id']}/reject"
    response = api(mod2).post(path, {"reason": "  "})
    assert response.status_code == 400 and "Say why" in response.json()["detail"]
    assert api(mod2).post(path, {}).status_code == 422
    rejected = api(mod2).post(path, {"reason": "One report is not enough to terminate."})
    assert rejected.status_code == 200 and rejected.json()["state"] == "rejected"
    case.refresh_from_db()
    alice.refresh_from_db()
    assert case.state == "open" and alice.terminated_at is None
    assert api(mod2).post("/moderation/decisions/999999/approve").status_code == 404


@pytest.fixture
def appealed(photo, alice, report, mod):
    case = report(photo).case
    decision = decision_issue(
        case=case,
        moderator=mod,
        data=DecisionInput(**REMOVAL),
        expected_version=case.version,
    )
    explanation = "My harbour photo names nobody at all."
    return appeal_submit(decision=decision, appellant=alice, explanation=explanation)


def test_open_appeals_are_listed_and_decided_only_by_an_uninvolved_moderator(
    appealed, photo, mod, mod2, api
):
    [item] = api(mod2).get("/moderation/appeals").json()["items"]
    assert (item["id"], item["reference"], item["role"]) == (
        appealed.pk,
        appealed.reference,
        "affected",
    )
    assert item["appellant"]["username"] == "alice" and item["appellant_email"]
    assert item["decision_moderator"]["username"] == "mod1"
    path = f"/moderation/appeals/{appealed.pk}/decide"
    verdict = {"outcome": "reversed", "reasons": "The caption names nobody; reversed."}
    response = api(mod).post(path, verdict)
    assert response.status_code == 403 and "no part" in response.json()["detail"]
    appealed.refresh_from_db()
    assert appealed.state == "submitted"
    short = api(mod2).post(path, {**verdict, "reasons": "no"})
    assert short.status_code == 400 and "reasons" in short.json()["detail"]
    decided = api(mod2).post(path, verdict).json()
    assert (decided["state"], decided["outcome"]) == ("decided", "reversed")
    assert decided["decided_by"]["username"] == "mod2"
    photo.refresh_from_db()
    assert photo.removed_at is None
    assert api(mod2).get("/moderation/appeals").json()["items"] == []
    assert api(mod2).post(path, verdict).status_code == 409
    assert Appeal.objects.get().outcome == "reversed"


def test_audit_reports_each_moderators_figures(appealed, mod, mod2, api, time_machine):
    time_machine.move_to(appealed.submitted_at + timedelta(hours=1))
    rows = api(mod2).get("/moderation/audit").json()
    assert rows == [
        {
            "moderator": {"username": "mod1", "display_name": "Mia Moderator"},
            "decisions": 1,
            "median_hours": 0.0,
            "appeal_rate": 1.0,
            "overturn_rate": 0.0,
        }
    ]
    assert Case.objects.get().state == "appealed"


def test_modified_outcome_puts_a_new_measure_in_place(appealed, photo, mod2, api):
    path = f"/moderation/appeals/{appealed.pk}/decide"
    verdict = {"outcome": "modified", "reasons": "A sensitive label is enough here."}
    missing = api(mod2).post(path, verdict)
    assert missing.status_code == 400 and "new measure" in missing.json()["detail"]
    label = {
        "action": "label_sensitive",
        "ground": "rules",
        "rule_code": "sensitive-label",
        "rule_explanation": "Graphic content needs a label, not removal.",
        "facts": "The photo shows an injury in a documentary context.",
    }
    decided = api(mod2).post(path, {**verdict, "replacement": label})
    assert decided.status_code == 200 and decided.json()["outcome"] == "modified"
    photo.refresh_from_db()
    assert photo.removed_at is None and photo.sensitive
    assert Decision.objects.get(appeal_of=appealed).action == "label_sensitive"
