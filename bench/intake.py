"""Notice intake against its floor, for bench/moderation.py.

Times calls of the real `notice_submit` service (validation, notifier standing, deadline,
case join or open under a row lock, the notice, its chained events, the confirmation
email queued after commit) interleaved with a bare single-row INSERT into
moderation_notice in its own transaction, so that machine noise hits both alike.
Half of the calls open a new case (two chained events), half join an open one.
"""

import itertools
import statistics
import time

from django.core import mail
from django.db import connection, transaction
from django.utils import timezone

from accounts.models import User
from moderation.models import Notice
from moderation.services.notices import notice_submit
from moderation.services.targets import Target, target_get

COLUMNS = [f.column for f in Notice._meta.concrete_fields if not f.primary_key]
# Column names come from the model; the values are parameters.
_COLS, _MARKS = ", ".join(COLUMNS), ", ".join(["%s"] * len(COLUMNS))
INSERT = f"INSERT INTO moderation_notice ({_COLS}) VALUES ({_MARKS})"  # noqa: S608


def intake_benchmark(ids: dict, *, calls: int) -> dict:
    fresh = [target_get("photo", pk) for pk in ids["free_photo_ids"]]
    joins = [target_get(kind, pk) for kind, pk, _owner in ids["join_targets"]]
    people = list(User.objects.filter(username__startswith="bench")[:50])
    case_id = ids["case_id"]
    submit, opened, joined, insert = [], [], [], []
    for i in range(calls):
        target = fresh[(i // 2) % len(fresh)] if i % 2 == 0 else joins[i % len(joins)]
        elapsed = _time_submit(target, i, people)
        submit.append(elapsed)
        (opened if i % 2 == 0 and i // 2 < len(fresh) else joined).append(elapsed)
        insert.append(_time_insert(case_id, i))
        if i % 100 == 99:
            getattr(mail, "outbox", []).clear()
    connection.close()
    submit_ms = statistics.median(submit) * 1000
    insert_ms = statistics.median(insert) * 1000
    return {
        "calls": calls,
        "submit_ms": submit_ms,
        "open_ms": statistics.median(opened) * 1000 if opened else float("nan"),
        "join_ms": statistics.median(joined) * 1000 if joined else float("nan"),
        "insert_ms": insert_ms,
        "ratio": submit_ms / insert_ms,
    }


def _time_submit(target: Target, i: int, people: list[User]) -> float:
    signed_in = people[i % len(people)] if i % 3 == 0 else None
    ground = "illegal" if i % 4 < 2 else "rules"
    started = time.perf_counter()
    notice_submit(
        target=target,
        ground=ground,
        explanation="This photo shows something it should not, explained at length.",
        notifier=signed_in,
        notifier_name="" if signed_in else f"Intake {i}",
        notifier_email="" if signed_in else f"intake{i}@example.org",
        country="DE" if ground == "illegal" else "",
        law="StGB §185" if ground == "illegal" else "",
        netzdg_manifest=i % 8 == 0,
        rule_code="" if ground == "illegal" else _rule_code(),
        good_faith=ground == "illegal",
    )
    return time.perf_counter() - started


_rule_codes = None


def _rule_code() -> str:
    global _rule_codes
    if _rule_codes is None:
        from moderation.selectors import ruleset_in_force

        _rule_codes = itertools.cycle(list(ruleset_in_force().rules.values_list("code", flat=True)))
    return next(_rule_codes)


def _time_insert(case_id: int, i: int) -> float:
    """The floor: one row of the same table, in its own transaction, nothing else."""
    now = timezone.now()
    row = {
        "reference": f"I-{i:08d}",
        "case_id": case_id,
        "channel": "web",
        "notifier_type": "user",
        "notifier_id": None,
        "notifier_name": f"Bare {i}",
        "notifier_email": f"bare{i}@example.org",
        "target_type": "photo",
        "target_id": 1,
        "ground": "rules",
        "category": "STATEMENT_CATEGORY_OTHER_VIOLATION_TC",
        "country": "",
        "law": "",
        "netzdg_manifest": False,
        "rule_id": None,
        "explanation": "A bare row, for the floor of the intake benchmark.",
        "good_faith": False,
        "priority": 1,
        "received_at": now,
        "deadline_at": now,
        "outcome": "pending",
        "manifestly_unfounded": False,
        "decided_at": None,
        "notifier_informed_at": None,
        "appeal_token": "",
    }
    params = [row[column] for column in COLUMNS]
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(INSERT, params)
    return time.perf_counter() - started
