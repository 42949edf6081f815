"""Six months of moderation history, so the transparency page, the NetzDG and DSA reports
and the statement-of-reasons export show something on a fresh `make run`.

Everything goes through the real services, in time order, with the clock moved by
time-machine (a development dependency): the community is founded DAYS ago, the history
unfolds, and the clock returns to today, so the event log is a genuine hash chain in time
order. Without time-machine the history is skipped and the community starts today.
"""

import io
import random
from contextlib import contextmanager
from datetime import timedelta

from django.utils import timezone

from accounts.services import user_signup
from demo.community import DEMO_PASSWORD
from demo.community_photos import ALT_TEXTS
from demo.moderation import decide_case
from demo.photographs import PHOTOGRAPHS, credit, photograph_small
from moderation.models import Notice, RuleSet
from moderation.services.appeals import appeal_decide, appeal_submit
from moderation.services.decisions import DecisionInput, decision_approve
from moderation.services.disputes import dispute_decide, dispute_record
from moderation.services.notices import notice_submit
from moderation.services.own_initiative import case_open_own_initiative
from moderation.services.targets import Target
from photos.services import photo_upload

DAYS, ITEMS = 200, 36
CHANNELS = ["web", "web", "web", "api", "moderator", "authority"]
ILLEGAL = [
    ("StGB §185 (insult)", "STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH"),
    ("StGB §130 (incitement to hatred)", "STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH"),
    (
        "StGB §201a (photos of private spaces)",
        "STATEMENT_CATEGORY_DATA_PROTECTION_AND_PRIVACY_VIOLATIONS",
    ),
    ("UrhG §97 (copyright)", "STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS"),
]
RULES = ["own-work", "harassment", "spam", "sensitive-label"]


@contextmanager
def in_the_past():
    """Yields a clock set DAYS ago (or None without time-machine); leaving it returns to now."""
    try:
        import time_machine
    except ImportError:
        yield None
        return
    with time_machine.travel(timezone.now() - timedelta(days=DAYS), tick=False) as clock:
        # Demo only: the installed rules (v1) must be in force where the story begins.
        RuleSet.objects.filter(version=1).update(
            published_at=timezone.now(), effective_at=timezone.now()
        )
        yield clock


def build_history(clock, users: dict, staff: dict) -> None:
    """Items reported, decided and appealed over the half-year, ending weeks before today."""
    rng = random.Random(2026)
    start = timezone.now()
    poster = user_signup(
        username="dmitri", email="dmitri@demo.candid.invalid", password=DEMO_PASSWORD
    )
    photos = [_photo(poster, i) for i in range(ITEMS)]
    span = DAYS - 60
    for i, photo in enumerate(photos):
        clock.move_to(start + timedelta(days=span * i / ITEMS, hours=rng.randint(0, 20)))
        _story(rng, clock, photo, users, staff, i)


def _photo(owner, seed: int):
    """Dmitri reposts the demo's photographs, smaller, some mirrored."""
    keys = list(PHOTOGRAPHS)
    key = keys[seed % len(keys)]
    data = photograph_small(key, long_side=480, variant=seed // len(keys))
    return photo_upload(
        owner=owner,
        file=io.BytesIO(data),
        filename=f"h{seed}.jpg",
        size=len(data),
        title=f"Repost #{seed + 1}",
        description=f"Found this somewhere.\n\n{credit(key, 'en')}",
        tags="repost",
        alt_text=ALT_TEXTS[key]["en"],
        licence=PHOTOGRAPHS[key].licence,
    )


def _story(rng, clock, photo, users, staff, i: int) -> None:
    """One item's life: notices (or an own-initiative case), a decision, maybe an appeal."""
    moana, max_ = staff["moana"], staff["maximilian"]
    if i % 9 == 8:
        case = case_open_own_initiative(moderator=moana, target=Target("photo", photo))
    else:
        notices = [_notice(photo, users, i, n) for n in range(1 + i % 3)]
        case = notices[0].case
    clock.shift(timedelta(hours=rng.choice([3, 20, 30, 60, 150, 200])))
    decision = decide_case(case, moana, _measure(i))
    if decision.state == "pending_approval":
        clock.shift(timedelta(hours=2))
        decision = decision_approve(decision=decision, approver=max_)
    if decision.action != "no_action" and i % 4 == 0:
        clock.shift(timedelta(days=2))
        appeal = appeal_submit(
            decision=decision,
            appellant=photo.owner,
            explanation="I took this photo in public; please look again.",
        )
        clock.shift(timedelta(days=rng.randint(1, 6)))
        outcome = ["upheld", "reversed", "upheld"][i % 3]
        appeal_decide(
            appeal=appeal,
            moderator=staff["ada"],
            outcome=outcome,
            reasons="Reviewed the photo and the notices again in full.",
        )
        if outcome == "upheld" and i % 8 == 0:
            clock.shift(timedelta(days=3))
            dispute = dispute_record(
                moderator=max_,
                decision=decision,
                body_name="User Rights ODS",
                submitted_at=timezone.now() - timedelta(hours=1),
            )
            clock.shift(timedelta(days=30))
            dispute_decide(
                moderator=max_,
                dispute=dispute,
                outcome="upheld",
                decided_at=timezone.now() - timedelta(hours=1),
                implemented=True,
            )


def _notice(photo, users, i: int, n: int):
    channel = CHANNELS[(i + n) % len(CHANNELS)]
    target = Target("photo", photo)
    common = {"target": target, "channel": channel}
    if channel == "authority":
        law, category = ILLEGAL[i % len(ILLEGAL)]
        return notice_submit(
            **common,
            ground="illegal",
            country="DE",
            law=law,
            category=category,
            good_faith=True,
            notifier_type=Notice.NotifierType.AUTHORITY,
            notifier_name="Landesmedienanstalt",
            explanation="Order to act against illegal content.",
        )
    notifier = users["carol"] if channel == "web" and n % 2 == 0 else None
    contact = (
        {}
        if notifier or channel == "moderator"
        else {"notifier_name": "Jordan Example", "notifier_email": f"jordan{i}@example.org"}
    )
    if (i + n) % 2:
        law, category = ILLEGAL[(i + n) % len(ILLEGAL)]
        return notice_submit(
            **common,
            **contact,
            notifier=notifier,
            ground="illegal",
            country="DE",
            law=law,
            category=category,
            good_faith=True,
            netzdg_manifest=(i % 5 == 0),
            notifier_type=("complaint_body" if i % 6 == 1 else "user"),
            explanation="This photo breaks German law as described.",
        )
    return notice_submit(
        **common,
        **contact,
        notifier=notifier,
        ground="rules",
        rule_code=RULES[i % len(RULES)],
        explanation="This photo breaks the community rules.",
    )


def _measure(i: int) -> DecisionInput:
    facts = "The photo and the notices were reviewed by a moderator."
    if i % 5 == 3:
        return DecisionInput(action="no_action", facts=facts)
    action = ["remove", "withhold", "restrict", "label_sensitive", "remove"][i % 5]
    if i % 11 == 10:
        return DecisionInput(
            action="suspend",
            duration_days=7,
            ground="rules",
            rule_code="harassment",
            facts=facts,
            rule_explanation="Repeated targeting of one person.",
        )
    if action == "withhold" or i % 2:
        law, category = ILLEGAL[i % len(ILLEGAL)]
        return DecisionInput(
            action=action,
            ground="illegal",
            category=category,
            legal_ground=law,
            facts=facts,
            countries=["DE"],
            legal_explanation="The photo meets the elements of the offence.",
        )
    return DecisionInput(
        action=action,
        ground="rules",
        rule_code=RULES[i % len(RULES)],
        facts=facts,
        rule_explanation="The photo breaks this rule.",
    )
