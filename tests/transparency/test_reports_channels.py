"""Every notice counts, whatever channel it came through: the web form signed in and
signed out, the API with and without a token, a moderator entering one, an authority
order. None is missing from any breakdown of either report."""

from datetime import UTC, datetime

import pytest
import time_machine

from core.models import Event
from moderation.models import Notice
from moderation.services.appeals import appeal_submit
from tests.transparency.conftest import ILLEGAL, MARCH, NO_ACTION, WITHHOLD_ILLEGAL
from transparency.facts import LogIncomplete
from transparency.reports.dsa import dsa_report
from transparency.reports.netzdg import netzdg_report
from transparency.reports.tables import ReconciliationError

RULES_FORM = {"ground": "rules", "rule": "harassment", "explanation": "It mocks a person."}


@pytest.fixture
def submitted(client, api, alice, bob, mod, upload):
    """One notice per channel variant, each about its own photo; returns photo per channel."""
    with time_machine.travel(MARCH, tick=False):
        photos = {name: upload(alice, title=name) for name in (
            "web_out", "web_in", "api_anon", "api_token", "moderator", "authority")}  # fmt: skip
        target = lambda name: {"target_type": "photo", "target_id": photos[name].pk}  # noqa: E731
        form = {**RULES_FORM, **target("web_out"), "name": "Wanda", "email": "wanda@example.org"}
        assert client.post("/report/", form).status_code == 302
        client.force_login(bob)
        assert client.post("/report/", {**RULES_FORM, **target("web_in")}).status_code == 302
        client.logout()
        anonymous = {**ILLEGAL, **target("api_anon"), "notifier_name": "Ann",
                     "notifier_email": "ann@example.org"}  # fmt: skip
        assert api().post("/notices", anonymous).status_code == 201
        assert api(bob).post("/notices", {**ILLEGAL, **target("api_token")}).status_code == 201
        entered = {**ILLEGAL, **target("moderator"), "channel": "moderator",
                   "notifier_type": "complaint_body", "notifier_name": "FSM"}  # fmt: skip
        assert api(mod).post("/moderation/notices", entered).status_code == 201
        order = {**ILLEGAL, **target("authority"), "channel": "authority",
                 "notifier_email": "order@polizei.example"}  # fmt: skip
        assert api(mod).post("/moderation/notices", order).status_code == 201
    return photos


def case_of(photo):
    return Notice.objects.get(target_type="photo", target_id=photo.pk).case


def rows_by_label(table) -> dict:
    return {row[0]: row[1:] for row in table.rows}


def test_each_channel_is_counted_once_in_every_netzdg_breakdown(submitted, decide, alice):
    with time_machine.travel(datetime(2026, 3, 11, 9, 0, tzinfo=UTC), tick=False):
        removal = decide(case_of(submitted["web_out"]))
        decide(case_of(submitted["api_anon"]), **NO_ACTION)
        decide(case_of(submitted["authority"]), **WITHHOLD_ILLEGAL)
        appeal_submit(decision=removal, appellant=alice, explanation="It is a joke among friends.")
    report = netzdg_report("2026-H1", lang="en")
    tables = {t.key: t for t in report.tables}
    channels = rows_by_label(tables["by_channel"])
    assert {label: cells[0] for label, cells in channels.items()} == {
        "Web form": 2, "API": 2, "Entered by a moderator": 1, "Authority order": 1, "Total": 6,
    }  # fmt: skip
    assert report.received == report.counted == 6
    assert set(report.breakdowns.values()) == {6}
    notifiers = rows_by_label(tables["by_notifier_type"])
    assert notifiers["Complaints bodies"][0] == 1 and notifiers["Authorities"][0] == 1
    assert notifiers["Users"][0] == 4
    total = notifiers["Total"]
    assert total == [6, 2, 0, 1, 3]  # received, removed/blocked, other, no action, pending
    reasons = rows_by_label(tables["by_reason"])
    assert reasons["StGB §185"][0] == 4 and reasons["Community rules (terms of service)"][0] == 2
    assert sum(cells[0] for label, cells in reasons.items() if label != "Total") == 6
    informed = dict(tables["informed"].rows)
    assert informed["Complaints decided"] == 3
    assert informed["Complainants informed of the decision by email"] == 3
    assert informed["Of these, poster informed by a statement of reasons"] == 2
    appeals = rows_by_label(tables["appeals"])
    assert appeals["Affected users (counter-notifications)"][0] == 1


def test_dsa_report_splits_orders_from_notices_and_reconciles(submitted, decide):
    with time_machine.travel(datetime(2026, 3, 12, 9, 0, tzinfo=UTC), tick=False):
        decide(case_of(submitted["authority"]), **WITHHOLD_ILLEGAL)
        decide(case_of(submitted["web_in"]))
    report = dsa_report("2026")
    tables = {t.key: t for t in report.tables}
    orders, notices = tables["3_member_states_orders"], tables["4_notices"]
    assert orders.rows[0][3:7] == ["TOTAL", "", "TOTAL", 1]
    germany = [r for r in orders.rows if r[5] == "DE"]
    assert germany[0][3] == "TOTAL" and germany[0][6] == 1
    assert germany[0][9] == 48.0  # hours from receipt (10 March 09:00) to effect (12 March)
    total = notices.rows[0]
    assert total[3] == "TOTAL" and total[5] == 5
    by_category = {r[3]: r[5] for r in notices.rows[1:]}
    assert by_category["STATEMENT_CATEGORY_OTHER_VIOLATION_TC"] == 2
    assert by_category["STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH"] == 3
    assert total[13] == 1  # one action on the basis of the terms and conditions
    assert report.received == report.counted == 6 and set(report.breakdowns.values()) == {6}


def test_a_notice_cut_from_the_log_makes_the_report_refuse(submitted, decide):
    with time_machine.travel(datetime(2026, 3, 11, tzinfo=UTC), tick=False):
        decide(case_of(submitted["web_out"]))
    Event.objects.filter(kind="moderation.notice_received").order_by("id").first().delete()
    with pytest.raises(LogIncomplete, match="verify_event_log"):
        netzdg_report("2026-H1")
    with pytest.raises(LogIncomplete):
        dsa_report("2026-H1")


def test_more_outcomes_than_notices_in_a_group_is_refused(submitted, decide):
    """Even with the chain intact, a breakdown that does not add up is never published."""
    from transparency.reports.netzdg import _outcome_table

    received = [({"channel": "web"}, 1)]
    resolved = [({"channel": "web", "outcome": "actioned", "action": "remove"}, 2)]
    with pytest.raises(ReconciliationError, match="More outcomes"):
        _outcome_table("t", "T", "Channel", received, resolved, lambda a: a["channel"])
