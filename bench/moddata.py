"""Fill a database with an open moderation queue fast, for bench/moderation.py.

Photos, users and their rendition files come from bench/pagedata.py; comments and albums
are bulk-created here. Cases and notices are bulk-created rows (`bulk_create`), NOT the
notice_submit service: benchmark data only, it bypasses the service (and so the event
log) on purpose, to open 100,000 notices in seconds. Every case has a distinct target
(one open case per item is a database constraint); notices spread over both grounds,
every channel and notifier type; extra notices join existing cases.
"""

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from bench.pagedata import populate
from moderation.models import Case, Notice, Rule
from moderation.selectors import ruleset_in_force
from moderation.sor import ILLEGAL_CATEGORIES, RULES_CATEGORY
from photos.models import Album, Photo
from social.models import Comment

BATCH = 2000
FREE_TARGETS = 2000  # photos without a case, for the intake benchmark to open new cases
LAWS = ["StGB §185", "StGB §130", "StGB §86a", "UrhG §97", "StGB §201a"]
CHANNELS = ["web"] * 6 + ["api"] * 2 + ["moderator", "authority"]
NOTIFIER_TYPES = ["user"] * 8 + ["trusted_flagger", "complaint_body"]


def populate_queue(*, notices: int, cases: int, seed: int = 3) -> dict:
    """Returns the ids the benchmark needs: a moderator, a busy case, free targets."""
    rng = random.Random(seed)
    photos_n = cases // 2 + FREE_TARGETS
    ids = populate(photos=photos_n, users=max(100, cases // 8 + 10))
    people = list(User.objects.filter(username__startswith="bench").values_list("pk", flat=True))
    photo_ids = list(Photo.objects.order_by("pk").values_list("pk", "owner_id"))
    targets = _targets(cases, photo_ids[FREE_TARGETS:], people, rng)
    moderator = User.objects.create_user(
        "bench-moderator", "mod@example.org", "bench-password-not-secret", role="moderator"
    )
    with transaction.atomic():
        case_ids = _cases(targets, rng)
        _notices(notices, case_ids, targets, rng)
    busy = case_ids[0]  # a photo case: give it several notices of both grounds
    _notices(6, [busy] * 6, {busy: targets_by_case(targets, case_ids)[busy]}, rng, tag="busy")
    return {
        "moderator_id": moderator.pk,
        "case_id": busy,
        "free_photo_ids": [pk for pk, _owner in photo_ids[:FREE_TARGETS]],
        "join_targets": [targets[i] for i in rng.sample(range(len(targets)), 1000)],
        "pages_ids": ids,
    }


def targets_by_case(targets: list, case_ids: list[int]) -> dict:
    return dict(zip(case_ids, targets, strict=True))


def _targets(count: int, photos: list, people: list[int], rng: random.Random) -> list:
    """(type, id, owner id): half photos, a quarter comments, the rest albums and profiles."""
    n_photo = count // 2
    n_comment = count // 4
    n_album = (count - n_photo - n_comment) // 2
    n_profile = count - n_photo - n_comment - n_album
    out = [("photo", pk, owner) for pk, owner in photos[:n_photo]]
    comments = Comment.objects.bulk_create(
        (
            Comment(photo_id=rng.choice(photos)[0], author_id=rng.choice(people), body=f"c{i}")
            for i in range(n_comment)
        ),
        batch_size=BATCH,
    )
    out += [("comment", c.pk, c.author_id) for c in comments]
    albums = Album.objects.bulk_create(
        (Album(owner_id=rng.choice(people), title=f"Album {i}") for i in range(n_album)),
        batch_size=BATCH,
    )
    out += [("album", a.pk, a.owner_id) for a in albums]
    out += [("profile", pk, pk) for pk in people[:n_profile]]
    if len(out) < count:
        raise SystemExit(f"Only {len(out)} distinct targets for {count} cases; use more users.")
    return out


def _cases(targets: list, rng: random.Random) -> list[int]:
    now = timezone.now()
    rows = [
        Case(
            target_type=kind,
            target_id=pk,
            target_owner_id=owner,
            state="open",
            priority=rng.choice([0] + [1] * 18 + [2]),
            deadline_at=now + timedelta(minutes=rng.randint(-2 * 24 * 60, 7 * 24 * 60)),
            opened_at=now - timedelta(minutes=rng.randint(0, 7 * 24 * 60)),
        )
        for kind, pk, owner in targets
    ]
    return [c.pk for c in Case.objects.bulk_create(rows, batch_size=BATCH)]


def _notices(count: int, case_ids: list[int], targets, rng: random.Random, tag: str = "") -> None:
    """One notice per case first, then the rest on random cases (several per item)."""
    by_case = targets if isinstance(targets, dict) else targets_by_case(targets, case_ids)
    rules = list(Rule.objects.filter(ruleset=ruleset_in_force()).values_list("pk", flat=True))
    illegal = [key for key in ILLEGAL_CATEGORIES if "NOT_SPECIFIED" not in key]
    now = timezone.now()
    rows = []
    for i in range(count):
        case_id = case_ids[i] if i < len(case_ids) else rng.choice(case_ids)
        kind, target_id, _owner = by_case[case_id]
        is_illegal = rng.random() < 0.45
        received = now - timedelta(minutes=rng.randint(0, 7 * 24 * 60))
        rows.append(
            Notice(
                reference=f"B{tag}-{i:08d}",
                case_id=case_id,
                channel=rng.choice(CHANNELS),
                notifier_type=rng.choice(NOTIFIER_TYPES),
                notifier_name=f"Notifier {i}",
                notifier_email=f"notifier{i}@example.org",
                target_type=kind,
                target_id=target_id,
                ground="illegal" if is_illegal else "rules",
                category=rng.choice(illegal) if is_illegal else RULES_CATEGORY,
                country="DE" if is_illegal else "",
                law=rng.choice(LAWS) if is_illegal else "",
                netzdg_manifest=is_illegal and rng.random() < 0.3,
                rule_id=None if is_illegal else rng.choice(rules),
                explanation="This breaks the rules, as explained at some length here.",
                good_faith=is_illegal,
                received_at=received,
                deadline_at=received + timedelta(days=7),
            )
        )
    Notice.objects.bulk_create(rows, batch_size=BATCH)
