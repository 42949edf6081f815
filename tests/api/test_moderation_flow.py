"""The whole due-process path through the API: an anonymous report, a removal with a
statement of reasons, the owner's appeal, a reversal by a second moderator; and what
notifiers see. Appeals out of time or by strangers are refused and change nothing."""

import pytest
from dateutil.relativedelta import relativedelta
from django.conf import settings

from moderation.models import Appeal, Notice
from moderation.services.decisions import DecisionInput, decision_approve, decision_issue
from moderation.services.notices import notice_submit
from moderation.services.targets import Target

REMOVAL = {
    "action": "remove",
    "ground": "rules",
    "rule_code": "harassment",
    "rule_explanation": "The caption names and mocks a private person.",
    "facts": "Reported by a user; the caption names a private person.",
}
APPEAL = {"explanation": "This is my own harbour photo and nobody is named in it."}


@pytest.fixture
def removed(photo, bob, mod):
    """A signed-in notice by bob, and mod's removal of alice's photo."""
    notice = notice_submit(
        target=Target("photo", photo),
        ground="rules",
        rule_code="harassment",
        explanation="This photo targets a person repeatedly.",
        notifier=bob,
    )
    return decision_issue(
        case=notice.case,
        moderator=mod,
        data=DecisionInput(**REMOVAL),
        expected_version=notice.case.version,
    )


def test_report_removal_appeal_and_reversal_restore_the_photo(photo, alice, mod, mod2, api):
    before = api().get(f"/photos/{photo.pk}").json()
    notice = api().post(
        "/notices",
        {
            "target_url": f"{settings.SITE_URL}/photos/{photo.pk}/",
            "ground": "rules",
            "rule": "harassment",
            "explanation": "The caption mocks my neighbour by name.",
            "notifier_name": "Dana Passer",
            "notifier_email": "dana@example.net",
        },
    )
    assert notice.status_code == 201
    [queued] = api(mod).get("/moderation/queue").json()["items"]
    case = api(mod).get(f"/moderation/cases/{queued['id']}").json()
    assert case["notices"][0]["notifier_email"] == "dana@example.net"
    decision = (
        api(mod)
        .post(
            f"/moderation/cases/{case['id']}/decisions",
            {**REMOVAL, "expected_version": case["version"]},
        )
        .json()
    )
    assert decision["state"] == "in_force" and decision["statement_puid"]
    assert api().get(f"/photos/{photo.pk}").status_code == 404
    assert api(alice).get(f"/photos/{photo.pk}").status_code == 404

    [statement] = api(alice).get("/me/statements").json()["items"]
    assert statement["puid"] == decision["statement_puid"]
    assert (statement["action"], statement["decision_state"]) == ("remove", "in_force")
    assert statement["facts"] == REMOVAL["facts"]
    assert statement["rule"]["code"] == "harassment"
    assert statement["rule_explanation"] == REMOVAL["rule_explanation"]
    assert statement["automated_decision"] == "AUTOMATED_DECISION_NOT_AUTOMATED"
    assert statement["evidence"]["text"]["title"] == "Harbour at night"
    assert statement["evidence"]["image_kept"] is True
    assert statement["fields"]["decision_ground"] == "DECISION_GROUND_INCOMPATIBLE_CONTENT"
    how = statement["how_to_appeal"]
    assert how["open"] is True and how["out_of_court_url"] == settings.CANDID_ODS_BODIES_URL
    assert how["appeal_url"].endswith(f"/api/v1/decisions/{decision['id']}/appeals")
    assert how["courts"]

    appeal = api(alice).post(f"/decisions/{decision['id']}/appeals", APPEAL)
    assert appeal.status_code == 201
    assert (appeal.json()["role"], appeal.json()["state"]) == ("affected", "submitted")
    [waiting] = api(mod2).get("/moderation/appeals").json()["items"]
    outcome = api(mod2).post(
        f"/moderation/appeals/{waiting['id']}/decide",
        {"outcome": "reversed", "reasons": "Nobody is named in the caption; restored."},
    )
    assert outcome.status_code == 200

    after = api().get(f"/photos/{photo.pk}")
    assert after.status_code == 200
    assert after.json() == before
    [statement] = api(alice).get("/me/statements").json()["items"]
    assert statement["decision_state"] == "reversed"
    assert statement["appeals"][0]["outcome"] == "reversed"
    assert statement["how_to_appeal"]["open"] is False


def test_statements_are_only_the_callers_own(removed, alice, bob, api):
    assert api(bob).get("/me/statements").json()["items"] == []
    assert len(api(alice).get("/me/statements").json()["items"]) == 1
    assert api().get("/me/statements").status_code == 401


def test_notifier_sees_the_outcome_and_can_appeal_it(photo, bob, mod, api):
    notice = notice_submit(
        target=Target("photo", photo),
        ground="rules",
        rule_code="harassment",
        explanation="This photo targets a person repeatedly.",
        notifier=bob,
    )
    [pending] = api(bob).get("/me/notices").json()["items"]
    assert (pending["reference"], pending["outcome"], pending["decision"]) == (
        notice.reference,
        "pending",
        None,
    )
    decision = decision_issue(
        case=notice.case,
        moderator=mod,
        data=DecisionInput(action="no_action", facts="The caption names nobody at all."),
        expected_version=notice.case.version,
    )
    [shown] = api(bob).get("/me/notices").json()["items"]
    assert shown["outcome"] == "no_action" and shown["decision"]["id"] == decision.pk
    assert shown["rule"] == "harassment"
    response = api(bob).post(f"/decisions/{decision.pk}/appeals", APPEAL)
    assert response.status_code == 201 and response.json()["role"] == "notifier"
    assert Appeal.objects.get().appellant == bob


def test_appeal_by_someone_who_is_not_a_party_is_refused(removed, make_user, api):
    carol = make_user("carol")
    response = api(carol).post(f"/decisions/{removed.pk}/appeals", APPEAL)
    assert response.status_code == 403
    assert "Only the person affected" in response.json()["detail"]
    removed.case.refresh_from_db()
    assert not Appeal.objects.exists() and removed.case.state == "decided"
    assert api(carol).post("/decisions/999999/appeals", APPEAL).status_code == 404
    assert api().post(f"/decisions/{removed.pk}/appeals", APPEAL).status_code == 401


def test_appeal_after_six_months_is_refused(removed, alice, api, time_machine):
    time_machine.move_to(removed.statement.sent_at + relativedelta(months=6, days=1))
    response = api(alice).post(f"/decisions/{removed.pk}/appeals", APPEAL)
    assert response.status_code == 400
    assert response.json()["detail"] == "The six-month period to appeal this decision has ended."
    removed.case.refresh_from_db()
    assert not Appeal.objects.exists() and removed.case.state == "decided"
    [statement] = api(alice).get("/me/statements").json()["items"]
    assert statement["how_to_appeal"]["open"] is False


def test_appeal_without_an_explanation_or_twice_is_refused(removed, alice, api):
    path = f"/decisions/{removed.pk}/appeals"
    assert api(alice).post(path, {}).status_code == 422
    short = api(alice).post(path, {"explanation": "unfair"})
    assert short.status_code == 400 and "explain" in short.json()["detail"]
    assert not Appeal.objects.exists()
    assert api(alice).post(path, APPEAL).status_code == 201
    again = api(alice).post(path, APPEAL)
    assert again.status_code == 400 and "already" in again.json()["detail"]
    assert Appeal.objects.count() == 1


def test_suspended_user_can_still_read_the_statement_and_appeal(photo, alice, bob, mod, mod2, api):
    notice = notice_submit(
        target=Target("photo", photo),
        ground="rules",
        rule_code="harassment",
        explanation="This photo targets a person repeatedly.",
        notifier=bob,
    )
    proposal = decision_issue(
        case=notice.case,
        moderator=mod,
        data=DecisionInput(**{**REMOVAL, "action": "suspend", "duration_days": 7}),
        expected_version=notice.case.version,
    )
    decision_approve(decision=proposal, approver=mod2)
    alice.refresh_from_db()
    assert alice.is_restricted
    assert api(alice).post("/albums", {"title": "New"}).status_code == 403
    [statement] = api(alice).get("/me/statements").json()["items"]
    assert statement["action"] == "suspend" and statement["ends_at"]
    response = api(alice).post(f"/decisions/{proposal.pk}/appeals", APPEAL)
    assert response.status_code == 201
    assert Notice.objects.get().outcome == "actioned"
