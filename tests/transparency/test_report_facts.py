"""The reports read facts, a projection of the hash-chained log: each counted event folded
exactly once into its kind's table, its words as numbers, rebuilt from the log on demand."""

import io

import pytest
import time_machine
from django.core.management import call_command

from core.models import Event
from tests.transparency.conftest import ILLEGAL, MARCH
from transparency.facts import MODELS, TABLES, LogIncomplete, fact_words, facts_fold
from transparency.models import FactsFolded, NoticeFact
from transparency.reports.netzdg import netzdg_report
from transparency.selectors import chain_head


@pytest.fixture
def reported(api, alice, upload):
    """Two notices through the API, so the log holds chained events."""

    def report(title: str):
        with time_machine.travel(MARCH, tick=False):
            photo = upload(alice, title=title)
            body = {**ILLEGAL, "target_type": "photo", "target_id": photo.pk,
                    "notifier_name": "Ann", "notifier_email": "ann@example.org"}  # fmt: skip
            assert api().post("/notices", body).status_code == 201
        return photo

    return report


def counted_events():
    kinds = [f"moderation.{kind}" for kind in TABLES]
    return Event.objects.filter(chain_seq__isnull=False, kind__in=kinds)


def all_facts() -> list[dict]:
    rows = [row for model in MODELS for row in model.objects.values()]
    return sorted(rows, key=lambda row: row["seq"])


def test_a_report_folds_every_counted_event_once_with_its_words(reported):
    reported("first")
    reported("second")
    assert netzdg_report("2026-H1").received == 2
    assert len(all_facts()) == counted_events().count() > 0
    assert NoticeFact.objects.count() == 2
    assert FactsFolded.objects.get().upto == chain_head().seq
    words = fact_words()
    notice = NoticeFact.objects.first()
    assert words[notice.channel] == "api" and words[notice.ground] == "illegal"
    assert words[notice.category] == ILLEGAL["category"] and words[notice.country] == "DE"
    assert notice.receipt_confirmed is True


def test_events_after_a_report_are_folded_by_the_next_one(reported):
    reported("first")
    assert netzdg_report("2026-H1").received == 1
    folded = FactsFolded.objects.get().upto
    reported("second")
    assert facts_fold(upto=folded) == 0  # nothing new below the old mark
    assert facts_fold(upto=chain_head().seq) > 0  # the new events, and only those
    assert NoticeFact.objects.count() == 2
    assert netzdg_report("2026-H1").received == 2
    assert NoticeFact.objects.count() == 2


def test_a_gap_in_the_range_to_fold_refuses_the_report(reported):
    reported("first")
    netzdg_report("2026-H1")
    reported("second")
    Event.objects.filter(kind="moderation.notice_received").order_by("-id").first().delete()
    with pytest.raises(LogIncomplete, match="verify_event_log"):
        netzdg_report("2026-H1")
    assert FactsFolded.objects.get().upto < chain_head().seq  # nothing folded past the gap


def test_upkeep_folds_and_refold_rebuilds_the_same_facts(reported):
    reported("first")
    out = io.StringIO()
    call_command("transparency_upkeep", stdout=out)
    assert f"up to event #{chain_head().seq}" in out.getvalue()
    before = all_facts()
    assert len(before) == counted_events().count() > 0
    first = NoticeFact.objects.first()
    NoticeFact.objects.filter(pk=first.pk).update(channel=first.channel + 1000)  # damaged
    call_command("transparency_upkeep", "--refold", stdout=out)
    assert all_facts() == before
