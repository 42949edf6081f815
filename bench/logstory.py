"""One moderation case's story, drawn at random, for bench/logdata.py: the case row, its
notice rows, and its events (time, kind, subject type, subject id, public data) with the
same `data` keys the services write (see transparency/reports/__init__.py)."""

import random
from datetime import timedelta

from moderation.services.offences import offence_of
from moderation.services.statements import utc_stamp as stamp
from moderation.sor import ILLEGAL_CATEGORIES, RULES_CATEGORY

CHANNELS = ["web"] * 5 + ["api"] * 2 + ["moderator", "authority"]
NOTIFIER_TYPES = ["user"] * 7 + ["trusted_flagger", "complaint_body"]
TARGETS = ["photo"] * 7 + ["comment"] * 2 + ["album", "profile"]
ACTIONS = ["no_action"] * 8 + ["label_sensitive", "restrict", "withhold", "withhold"]
ACTIONS += ["remove"] * 6
LAWS = ["StGB §185", "StGB §130", "StGB §86a", "StGB §201a", "UrhG §97 (copyright)"]
DELAYS = [(1, 24), (1, 24), (1, 24), (24, 48), (48, 168), (48, 168), (168, 480)]  # hours
AUTOMATION = ["AUTOMATED_DECISION_NOT_AUTOMATED"] * 8
AUTOMATION += ["AUTOMATED_DECISION_PARTIALLY", "AUTOMATED_DECISION_FULLY"]
ILLEGAL = sorted(ILLEGAL_CATEGORIES)
REPEATED = ("channel", "notifier_type", "ground", "category", "country", "offence")
CASE, NOTICE, DECISION = "moderation.case", "moderation.notice", "moderation.decision"
APPEAL, DISPUTE = "moderation.appeal", "moderation.dispute"


def story(case_id: int, t0, k: int, first_id: int, rules: list, rng: random.Random):
    target = rng.choice(TARGETS)
    notices = [_notice(first_id + j + 1, case_id, target, t0, j, rules, rng) for j in range(k)]
    events = [
        (t0, "moderation.case_opened", CASE, case_id, {"case_id": case_id, "target_type": target})
    ]
    events += [
        (n["received_at"], "moderation.notice_received", NOTICE, n["id"], n["_public"])
        for n in notices
    ]
    decided = k == 0 or rng.random() < 0.88
    t_d = None
    if decided:
        low, high = rng.choice(DELAYS)
        last = max((n["received_at"] for n in notices), default=t0)
        t_d = last + timedelta(hours=rng.uniform(low, high))
        events += _decision(case_id, target, notices, t_d, rules, rng)
    for n in notices:
        n["outcome"] = _outcome(events) if decided else "pending"
        n["decided_at"] = n["notifier_informed_at"] = t_d
    state = "decided" if decided else "open"
    case_row = [
        case_id,
        target,
        case_id,
        None,
        state,
        k == 0,
        1,
        t0 + timedelta(days=7),
        None,
        t0,
        t_d,
        0,
    ]
    return case_row, [_notice_row(n) for n in notices], events


def _outcome(events) -> str:
    applied = next(e for e in events if e[1] == "moderation.decision_applied")
    return "no_action" if applied[4]["action"] == "no_action" else "actioned"


def _notice(notice_id, case_id, target, t0, j, rules, rng) -> dict:
    channel = rng.choice(CHANNELS)
    notifier_type = "authority" if channel == "authority" else rng.choice(NOTIFIER_TYPES)
    illegal = channel == "authority" or rng.random() < 0.45
    law = rng.choice(LAWS) if illegal else ""
    rule_id, rule_code = rng.choice(rules) if not illegal else (None, "")
    received = t0 + timedelta(hours=j * rng.uniform(0, 6))
    n = {
        "id": notice_id,
        "case_id": case_id,
        "channel": channel,
        "notifier_type": notifier_type,
        "target_type": target,
        "ground": "illegal" if illegal else "rules",
        "category": rng.choice(ILLEGAL) if illegal else RULES_CATEGORY,
        "country": rng.choice(["DE", "DE", "AT", "FR"]) if illegal else "",
        "law": law,
        "netzdg_manifest": illegal and rng.random() < 0.25,
        "rule_id": rule_id,
        "email": rng.random() < 0.9,
        "received_at": received,
    }
    hours = 24 if n["netzdg_manifest"] else (168 if illegal else 72)
    n["deadline_at"] = received + timedelta(hours=hours)
    n["_public"] = {
        "notice_id": notice_id, "case_id": case_id, "channel": channel,
        "notifier_type": notifier_type, "ground": n["ground"], "category": n["category"],
        "country": n["country"], "netzdg_manifest": n["netzdg_manifest"], "target_type": target,
        "rule": rule_code, "deadline_at": n["deadline_at"].isoformat(),
        "offence": offence_of(law), "receipt_confirmed": n["email"],
    }  # fmt: skip
    return n


def _decision(case_id, target, notices, t_d, rules, rng) -> list:
    account = target == "profile" and rng.random() < 0.3
    action = rng.choice(["suspend", "terminate"]) if account else rng.choice(ACTIONS)
    illegal = next((n for n in notices if n["ground"] == "illegal"), None)
    if not notices:
        illegal = {"category": rng.choice(ILLEGAL)} if rng.random() < 0.3 else None
    ground = "illegal" if illegal else "rules"
    automated = rng.choice(AUTOMATION)
    manifest = bool(illegal) and action in ("remove", "withhold") and rng.random() < 0.3
    applied = {
        "decision_id": case_id, "case_id": case_id, "action": action, "ground": ground,
        "category": illegal["category"] if illegal else RULES_CATEGORY,
        "rule": "" if illegal else rng.choice(rules)[1],
        "automated_detection": rng.random() < 0.15, "automated_decision": automated,
        "territorial_scope": ["DE"] if action == "withhold" else [],
        "ends_at": (t_d + timedelta(days=7)).isoformat() if action == "suspend" else None,
        "four_eyes": account, "manifestly_illegal": manifest,
        "own_initiative": not notices, "appeal_of": None,
    }  # fmt: skip
    events = [(t_d, "moderation.decision_applied", DECISION, case_id, applied)]
    actioned = action != "no_action"
    if actioned:
        statement = {"decision_id": case_id, "puid": f"candid-bench-{case_id}"}
        events.append(
            (t_d, "moderation.statement_sent", "moderation.statementofreasons", case_id, statement)
        )
    for n in notices:
        events.append(
            (
                t_d,
                "moderation.notifier_informed",
                NOTICE,
                n["id"],
                _informed(n, applied, actioned, t_d),
            )
        )
    if rng.random() < 0.005:
        measure = {
            "kind": rng.choice(["illegal_content", "unfounded_notices"]),
            "level": rng.choice(["warning", "deprioritised", "suspended"]),
            "days": 30,
        }
        events.append(
            (t_d, "moderation.misuse_measure", "moderation.misusemeasure", case_id, measure)
        )
    if actioned and rng.random() < 0.06:
        events += _appeal(case_id, action, notices, t_d, rng)
    return events


def _informed(n, applied, actioned, t_d) -> dict:
    public = n["_public"]
    return {
        "notice_id": n["id"], "decision_id": applied["decision_id"], "case_id": n["case_id"],
        "outcome": "actioned" if actioned else "no_action", "by_email": n["email"],
        "action": applied["action"], "decision_ground": applied["ground"],
        "automated_decision": applied["automated_decision"], "poster_informed": actioned,
        **{key: public[key] for key in REPEATED},
        "received_at": stamp(n["received_at"]),
        "seconds_to_decision": int((t_d - n["received_at"]).total_seconds()),
    }  # fmt: skip


def _appeal(case_id, action, notices, t_d, rng) -> list:
    t_a = t_d + timedelta(days=rng.uniform(1, 20))
    fields = {
        "appeal_id": case_id, "decision_id": case_id,
        "role": "affected" if rng.random() < 0.8 else "notifier", "decision_action": action,
        "trusted_flagger": any(n["notifier_type"] == "trusted_flagger" for n in notices),
    }  # fmt: skip
    events = [(t_a, "moderation.appeal_submitted", APPEAL, case_id, fields)]
    if rng.random() < 0.85:
        t_o = t_a + timedelta(hours=rng.uniform(1, 240))
        outcome = rng.choice(["upheld"] * 7 + ["reversed"] * 2 + ["modified"])
        timing = {"submitted_at": stamp(t_a), "seconds_to_decide": int((t_o - t_a).total_seconds())}
        events.append(
            (
                t_o,
                "moderation.appeal_decided",
                APPEAL,
                case_id,
                {**fields, "outcome": outcome, **timing},
            )
        )
        if outcome != "upheld":
            undo = {"decision_id": case_id, "action": action, "state": "reversed"}
            events.append((t_o, "moderation.decision_reversed", DECISION, case_id, undo))
    if rng.random() < 0.1:
        events += _dispute(case_id, action, t_a + timedelta(days=15), rng)
    return events


def _dispute(case_id, action, t_s, rng) -> list:
    t_e = t_s + timedelta(days=rng.uniform(5, 60))
    submitted = {
        "dispute_id": case_id,
        "decision_id": case_id,
        "decision_action": action,
        "submitted_at": stamp(t_s),
    }
    outcome = rng.choice(["upheld", "reversed", "partially", "omitted"])
    decided = {
        "dispute_id": case_id, "decision_id": case_id, "outcome": outcome,
        "implemented": outcome in ("upheld", "reversed"), "submitted_at": stamp(t_s),
        "decided_at": stamp(t_e), "seconds_to_decide": int((t_e - t_s).total_seconds()),
    }  # fmt: skip
    return [
        (t_s, "moderation.dispute_submitted", DISPUTE, case_id, submitted),
        (t_e, "moderation.dispute_decided", DISPUTE, case_id, decided),
    ]


def _notice_row(n: dict) -> list:
    email = n["email"]
    return [
        n["id"], f"N-2026-{n['id']:08X}", n["case_id"], n["channel"], n["notifier_type"], None,
        "A Notifier" if email else "", f"n{n['id']}@example.org" if email else "",
        n["target_type"], n["case_id"], n["ground"], n["category"], n["country"], n["law"],
        n["netzdg_manifest"], n["rule_id"], "Explained at some length, for the benchmark.",
        n["ground"] == "illegal", 1, n["received_at"], n["deadline_at"], n["outcome"], False,
        n["decided_at"], n["notifier_informed_at"], "",
    ]  # fmt: skip
