"""The case page's decision form: a removal hides the photo and sends a statement of reasons
the owner reads on "My notices"; incomplete decisions and stale forms change nothing;
suspensions wait for a second moderator (four eyes)."""

from django.core import mail

from core.events import Event
from moderation.models import Decision, Notice, StatementOfReasons
from photos.selectors import photo_for_viewer
from tests.moderation_fixtures import staff_login

REMOVE_FORM = {
    "action": "remove",
    "ground": "rules",
    "rule": "harassment",
    "rule_explanation": "The caption names and mocks a private person.",
    "facts": "Reported by a user; the caption names a private person.",
    "automated_decision": "AUTOMATED_DECISION_NOT_AUTOMATED",
}


def decide_form(client, case, **fields):
    case.refresh_from_db()
    data = {**REMOVE_FORM, "expected_version": case.version, **fields}
    return client.post(f"/moderation/cases/{case.pk}/", data)


def test_case_page_shows_item_notices_with_notifier_and_strike_proposal(
    client, photo, report, decide, mod, mod2, upload, alice
):
    earlier = decide(report(upload(alice, title="Older")).case)  # alice has one strike
    notice = report(photo)
    staff_login(client, mod2)
    page = client.get(f"/moderation/cases/{notice.case_id}/").content.decode()
    assert "Harbour at night" in page and "Boats at the pier" in page
    assert f"/moderation/cases/{notice.case_id}/image/medium.jpg" in page
    assert notice.reference in page and "bob@example.org" in page
    assert "This photo targets a person repeatedly." in page
    assert "1 active strike: the policy proposes a warning." in page
    assert f'name="expected_version" value="{notice.case.version}"' in page
    assert earlier.state == "in_force"


def test_removal_hides_the_photo_and_the_owner_reads_the_statement(
    client, photo, report, mod, alice, bob, django_capture_on_commit_callbacks
):
    case = report(photo).case
    staff_login(client, mod)
    with django_capture_on_commit_callbacks(execute=True):
        response = decide_form(client, case)
    assert response.status_code == 302 and response["Location"] == f"/moderation/cases/{case.pk}/"
    photo.refresh_from_db()
    assert photo.removed_at is not None and photo_for_viewer(bob, photo.pk) is None
    client.force_login(bob)
    assert client.get(f"/photos/{photo.pk}/").status_code == 404
    statement = StatementOfReasons.objects.get(decision__case=case)
    assert statement.recipient == alice
    assert Event.objects.filter(kind="moderation.decision_applied").exists()
    assert {m.to[0] for m in mail.outbox} >= {alice.email, bob.email}
    assert Notice.objects.get(case=case).outcome == "actioned"

    client.force_login(alice)
    mine = client.get("/moderation/mine/").content.decode()
    for part in [
        "Remove content",
        "Everywhere Candid is available.",
        "Until changed on appeal",
        "The caption names and mocks a private person.",
        "Reported by a user; the caption names a private person.",
        "Detection was not automated",
        "No harassment or threats",
        f"/moderation/decisions/{statement.decision_id}/evidence.jpg",
        f"/moderation/decisions/{statement.decision_id}/appeal/",
        "out-of-court dispute settlement",
        "Go to court",
        statement.puid,
    ]:
        assert part in mine, part


def test_incomplete_decision_is_refused_and_changes_nothing(client, photo, report, mod):
    case = report(photo).case
    staff_login(client, mod)
    cases = [
        ({"facts": ""}, "State the facts and circumstances"),
        ({"rule_explanation": ""}, "Cite a community rule in force and explain"),
        ({"rule": "no-such-rule"}, "Unknown rule"),
        ({"action": "withhold", "ground": "illegal", "rule": ""}, "Cite the law"),
        ({"countries": "Germany"}, "Use two-letter country codes"),
        ({"action": "suspend"}, "A suspension needs a duration in days."),
    ]
    for fields, message in cases:
        response = decide_form(client, case, **fields)
        assert response.status_code == 400, fields
        assert message in response.content.decode(), fields
    photo.refresh_from_db()
    assert not Decision.objects.exists() and photo.removed_at is None


def test_stale_form_shows_the_conflict_and_the_reloaded_case(client, photo, report, bob, mod):
    case = report(photo).case
    staff_login(client, mod)
    stale_version = case.version
    report(
        photo,
        explanation="A second report about the same caption.",
        notifier=None,
        notifier_name="Max",
        notifier_email="max@example.org",
    )
    response = client.post(
        f"/moderation/cases/{case.pk}/", {**REMOVE_FORM, "expected_version": stale_version}
    )
    page = response.content.decode()
    assert response.status_code == 409
    assert "This case changed while you were looking at it" in page
    assert "A second report about the same caption." in page  # the reloaded case
    case.refresh_from_db()
    assert f'name="expected_version" value="{case.version}"' in page
    assert not Decision.objects.exists()


def test_already_decided_case_refuses_a_second_decision(client, photo, report, decide, mod2):
    case = report(photo).case
    decide(case)
    staff_login(client, mod2)
    response = decide_form(client, case, action="no_action")
    assert response.status_code == 409 and "already decided" in response.content.decode()
    assert Decision.objects.count() == 1


def test_marking_a_notice_manifestly_unfounded(client, photo, report, mod):
    notice = report(photo)
    staff_login(client, mod)
    decide_form(client, notice.case, action="no_action", ground="", rule="", unfounded=[notice.pk])
    notice.refresh_from_db()
    assert notice.manifestly_unfounded and notice.outcome == "no_action"


def test_suspension_needs_a_second_moderator(client, photo, report, mod, mod2, alice):
    case = report(photo).case
    staff_login(client, mod)
    response = decide_form(client, case, action="suspend", duration_days="7")
    assert response.status_code == 302
    decision = Decision.objects.get()
    alice.refresh_from_db()
    assert decision.state == "pending_approval" and alice.suspended_until is None
    page = client.get(f"/moderation/cases/{case.pk}/").content.decode()
    assert "Waiting for a second moderator" in page and "Approve" not in page
    refused = client.post(f"/moderation/decisions/{decision.pk}/approve/", follow=True)
    assert "A second moderator must approve this decision." in refused.content.decode()
    decision.refresh_from_db()
    assert decision.state == "pending_approval"

    staff_login(client, mod2)
    queue = client.get("/moderation/").content.decode()
    assert "Awaiting a second moderator" in queue and f"/moderation/cases/{case.pk}/" in queue
    assert "Approve: Suspend account" in client.get(f"/moderation/cases/{case.pk}/").text
    client.post(f"/moderation/decisions/{decision.pk}/approve/")
    decision.refresh_from_db()
    alice.refresh_from_db()
    assert decision.state == "in_force" and decision.approved_by == mod2
    assert alice.is_restricted and StatementOfReasons.objects.filter(decision=decision).exists()


def test_rejecting_a_proposal_needs_a_reason_and_reopens_the_case(client, photo, report, mod, mod2):
    case = report(photo).case
    staff_login(client, mod)
    decide_form(client, case, action="terminate")
    decision = Decision.objects.get()
    staff_login(client, mod2)
    empty = client.post(f"/moderation/decisions/{decision.pk}/reject/", {"reason": ""}, follow=True)
    assert "Say why you do not approve" in empty.content.decode()
    decision.refresh_from_db()
    assert decision.state == "pending_approval"
    client.post(f"/moderation/decisions/{decision.pk}/reject/", {"reason": "One strike only."})
    decision.refresh_from_db()
    case.refresh_from_db()
    assert decision.state == "rejected" and case.state == "open"


def test_audit_page_lists_each_moderators_figures(client, photo, report, decide, mod, mod2):
    decide(report(photo).case)
    staff_login(client, mod2)
    page = client.get("/moderation/audit/").content.decode()
    assert "<td>mod1</td><td>1</td>" in page and page.count("<td>0 %</td>") == 2
