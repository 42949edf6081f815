"""A report from another server (an ActivityPub Flag, issue 20) is counted in the NetzDG
and DSA reports like every other notice, in its own channel, and every breakdown still
finds every notice."""

from datetime import UTC, datetime

import pytest
import time_machine

from federation import addresses
from federation.models import InboxMessage
from federation.processing import inbox_message_process
from moderation.models import Notice
from tests.transparency.conftest import MARCH, NO_ACTION
from transparency.reports.dsa import dsa_report
from transparency.reports.netzdg import netzdg_report

RULES_FORM = {"ground": "rules", "rule": "harassment", "explanation": "It mocks a person."}


@pytest.fixture
def flagged(client, alice, upload):
    """One notice from the web form, one from another server's Flag, each about a photo."""
    with time_machine.travel(MARCH, tick=False):
        web, remote = upload(alice, title="web"), upload(alice, title="remote")
        form = {**RULES_FORM, "target_type": "photo", "target_id": web.pk,
                "name": "Wanda", "email": "wanda@example.org"}  # fmt: skip
        assert client.post("/report/", form).status_code == 302
        flag = {
            "id": "https://mastodon.example/reports/1",
            "type": "Flag",
            "actor": "https://mastodon.example/actor",
            "object": [addresses.actor_id("alice"), addresses.photo_id(remote.pk)],
        }
        message = InboxMessage.objects.create(
            actor_uri=flag["actor"], key_id=f"{flag['actor']}#main-key",
            activity_type="Flag", activity=flag,
        )  # fmt: skip
        assert inbox_message_process(message.pk).startswith("notice ")
    return Notice.objects.get(channel=Notice.Channel.FEDERATION)


def test_a_flag_is_counted_in_its_own_channel_in_both_reports(flagged, decide):
    assert flagged.received_at == MARCH
    with time_machine.travel(datetime(2026, 3, 11, 9, 0, tzinfo=UTC), tick=False):
        decide(flagged.case, **NO_ACTION)
    for report in (netzdg_report("2026-H1", lang="en"), dsa_report("2026", lang="en")):
        tables = {t.key: t for t in report.tables}
        channels = {row[0]: row[1:] for row in tables["by_channel"].rows}
        assert channels["Another server's report"][0] == 1
        assert channels["Web form"][0] == 1 and channels["Total"][0] == 2
        assert report.received == report.counted == 2
        assert set(report.breakdowns.values()) == {2}
    german = netzdg_report("2026-H1", lang="de")
    labels = [row[0] for row in {t.key: t for t in german.tables}["by_channel"].rows]
    assert "Meldung eines anderen Servers" in labels
