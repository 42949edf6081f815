"""The audit page lists staff activity: every staff sign-in attempt and every privileged
action (decisions, role changes, …), and no member's ordinary doings."""

import pytest
from django.core.management import CommandError, call_command

from core.models import Event
from moderation.services.own_initiative import case_open_own_initiative
from moderation.services.targets import Target
from tests.moderation_fixtures import staff_login


def activity(client) -> str:
    html = client.get("/moderation/audit/").content.decode()
    return html.split('id="staff-activity"', 1)[1]


def test_the_audit_page_lists_sign_ins_and_privileged_actions(
    client, mod, mod2, bob, photo, report, decide
):
    client.post("/accounts/login/", {"username": "mod1", "password": "wrong"})
    decide(report(photo).case, moderator=mod)
    case_open_own_initiative(moderator=mod, target=Target("profile", bob))
    call_command("set_role", "bob", "moderator", stdout=None)
    staff_login(client, mod2)
    listed = activity(client)
    assert "staff.signin" in listed and "outcome: failed" in listed
    assert "moderation.decision_applied" in listed
    assert "own_initiative: True" in listed
    assert "account.role_changed" in listed and "to: moderator" in listed
    assert "photo.uploaded" not in listed and "moderation.notice_received" not in listed


def test_set_role_grants_staff_powers_in_the_log_and_refuses_unknown_roles(bob):
    call_command("set_role", "bob", "admin")
    bob.refresh_from_db()
    assert bob.role == "admin"
    event = Event.objects.get(kind="account.role_changed")
    assert event.subject_id == bob.pk and event.data == {"from": "member", "to": "admin"}
    with pytest.raises(CommandError, match="Unknown role"):
        call_command("set_role", "bob", "superuser")
    bob.refresh_from_db()
    assert bob.role == "admin" and Event.objects.filter(kind="account.role_changed").count() == 1
