"""Reads for moderation: rules in force, the queue, a case, a user's notices, audit figures."""

from datetime import datetime, timedelta
from statistics import median

from django.db import connection
from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.models import User
from core.deadlines import deadline
from moderation.models import (
    Appeal,
    Case,
    Decision,
    Evidence,
    ModerationPolicy,
    Notice,
    Rule,
    RuleSet,
    StatementOfReasons,
    Strike,
)
from moderation.models.targets import MODELS, Ground


def ruleset_in_force(at=None) -> RuleSet | None:
    return (
        RuleSet.objects.filter(effective_at__lte=at or timezone.now()).order_by("-version").first()
    )


def ruleset_upcoming() -> RuleSet | None:
    return RuleSet.objects.filter(effective_at__gt=timezone.now()).order_by("version").first()


def rules_in_force() -> list[Rule]:
    """With their texts in other languages (moderation.rule_wording)."""
    ruleset = ruleset_in_force()
    return list(rules_of(ruleset)) if ruleset else []


def rules_of(ruleset: RuleSet) -> QuerySet[Rule]:
    return ruleset.rules.select_related("ruleset").prefetch_related("texts")


def rule_in_force(code: str) -> Rule | None:
    ruleset = ruleset_in_force()
    if ruleset is None:
        return None
    return ruleset.rules.filter(code=code).select_related("ruleset").first()


QUEUE_STATES = ["open", "awaiting_approval", "appealed"]


def _notices_per_case(**filters) -> Coalesce:
    """A correlated count of the case's notices: evaluated for the rows fetched only,
    through the index on notice.case_id (PostgreSQL may hash an EXISTS over all notices
    instead, ~70 ms with 100,000 of them)."""
    count = (
        Notice.objects.filter(case=OuterRef("pk"), **filters)
        .order_by()
        .values("case")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(count), 0)


def moderation_queue() -> QuerySet[Case]:
    """Open work, trusted flaggers first, then by deadline (overdue at the top). The notice
    count is a per-row subquery, so a page of the queue reads its rows through the partial
    index on open cases instead of grouping every open case first."""
    return (
        Case.objects.filter(state__in=QUEUE_STATES)
        .annotate(notice_count=_notices_per_case())
        .select_related("target_owner", "claimed_by")
        .order_by("priority", "deadline_at", "id")
    )


def with_notice_grounds(cases: QuerySet[Case]) -> QuerySet[Case]:
    """Annotates `ground_<value>`, how many of the case's notices cite each ground, so a
    list of cases shows its grounds without loading its notices."""
    return cases.annotate(
        **{f"ground_{value}": _notices_per_case(ground=value) for value in Ground.values}
    )


def case_detail(case_id: int) -> Case | None:
    return (
        Case.objects.filter(pk=case_id)
        .select_related("target_owner", "claimed_by")
        .prefetch_related(
            Prefetch(
                "notices",
                queryset=Notice.objects.select_related("rule__ruleset", "notifier"),
            ),
            Prefetch(
                "decisions",
                queryset=Decision.objects.select_related(
                    "moderator", "approved_by", "rule__ruleset", "evidence", "statement"
                ),
            ),
            # The cited rules' texts in other languages (moderation.rule_wording).
            "notices__rule__texts",
            "decisions__rule__texts",
        )
        .first()
    )


# One statement, no ORM: it runs on every moderation page view, cached or not.
_LOG_POSITION = (
    "SELECT (SELECT seq FROM core_chainhead WHERE id = 1), (SELECT MAX(id) FROM core_event)"
)


def log_position() -> tuple[int, int]:
    """(moderation chain head seq, highest event id). Every committed moderation change
    moves the chain head (appends are serialised by its row lock, so the seq moves in
    commit order); every other service write adds an event. The moderation pages' cache
    keys (web/views/moderation_common.py) start from this."""
    with connection.cursor() as cursor:
        cursor.execute(_LOG_POSITION)
        seq, last_event = cursor.fetchone()
    return seq or 0, last_event or 0


def target_history(case: Case) -> QuerySet[Case]:
    """Earlier cases about the same item."""
    return (
        Case.objects.filter(target_type=case.target_type, target_id=case.target_id)
        .exclude(pk=case.pk)
        .order_by("-opened_at")
    )


def active_strikes(user: User) -> QuerySet[Strike]:
    return Strike.objects.filter(user=user, removed_at__isnull=True, expires_at__gt=timezone.now())


def statements_for(user: User) -> QuerySet[Decision]:
    """Decisions about this user's content or account that reached them."""
    return (
        Decision.objects.filter(statement__recipient=user)
        .select_related("statement", "rule__ruleset", "case", "evidence")
        .prefetch_related("appeals", "rule__texts")
        .order_by("-created_at")
    )


def notices_filed_by(user: User) -> QuerySet[Notice]:
    return Notice.objects.filter(notifier=user).select_related("case").order_by("-received_at")


def appeals_by(user: User) -> QuerySet[Appeal]:
    return (
        Appeal.objects.filter(appellant=user).select_related("decision").order_by("-submitted_at")
    )


def decision_answering(notice: Notice) -> Decision | None:
    """The decision that answered a notice: the first taken on its case after the notice
    arrived, neither turned down by the second moderator nor an appeal's replacement.
    Expects `case__decisions` prefetched."""
    if notice.outcome == Notice.Outcome.PENDING:
        return None
    answers = [
        d
        for d in notice.case.decisions.all()
        if d.created_at >= notice.received_at and d.state != "rejected" and d.appeal_of_id is None
    ]
    return min(answers, key=lambda d: (d.created_at, d.pk), default=None)


def appeal_deadline(informed_at) -> datetime | None:
    """The last moment a party may appeal: six calendar months from being told of the
    decision (DSA Art. 20(1)), to the end of the day with the same date (core.deadlines);
    never told, no period has started."""
    return deadline("appeal_window", start=informed_at) if informed_at else None


def appeal_open(decision: Decision, informed_at, now: datetime) -> bool:
    """Whether a party told at `informed_at` may appeal `decision` now: within the six
    months, while the decision is in force."""
    due = appeal_deadline(informed_at)
    return decision.state == "in_force" and due is not None and now <= due


def appeal_words_for(appeal: Appeal, reader_id: int | None) -> str:
    """An appeal's explanation is its author's own words: shown to the author only, never
    to the other party of the same decision."""
    return appeal.explanation if appeal.appellant_id == reader_id else ""


def open_appeals() -> QuerySet[Appeal]:
    return (
        Appeal.objects.filter(state="submitted")
        .select_related("decision__moderator", "decision__case")
        .order_by("submitted_at")
    )


def pending_approvals() -> QuerySet[Decision]:
    return Decision.objects.filter(state="pending_approval").select_related("moderator", "case")


def moderator_audit() -> list[dict]:
    """Per moderator: decisions, median hours to decide, appeal rate, overturn rate. Two
    queries whatever the number of moderators; decisions made on appeal are not counted
    against the moderator who decided the appeal."""
    overturning = [Appeal.Outcome.REVERSED, Appeal.Outcome.MODIFIED]
    decisions = (
        Decision.objects.filter(appeal_of__isnull=True)
        .annotate(
            appeal_count=Count("appeals"),
            overturned=Count("appeals", filter=Q(appeals__outcome__in=overturning)),
        )
        .values_list("moderator_id", "created_at", "case__opened_at", "appeal_count", "overturned")
    )
    by_moderator: dict[int, list] = {}
    for moderator_id, *row in decisions:
        by_moderator.setdefault(moderator_id, []).append(row)
    moderators = User.objects.filter(decisions_made__isnull=False).distinct().order_by("username")
    return [_audit_row(moderator, by_moderator.get(moderator.pk, [])) for moderator in moderators]


def _audit_row(moderator, rows: list) -> dict:
    hours = [(created - opened).total_seconds() / 3600 for created, opened, _, _ in rows]
    appealed = [row for row in rows if row[2]]
    return {
        "moderator": moderator,
        "decisions": len(rows),
        "median_hours": round(median(hours), 1) if hours else None,
        "appeal_rate": len(appealed) / len(rows) if rows else 0.0,
        "overturn_rate": (
            sum(1 for row in appealed if row[3]) / len(appealed) if appealed else 0.0
        ),
    }


def decision_detail(decision_id: int) -> Decision | None:
    """One decision with what its statement and its presentation need."""
    return (
        Decision.objects.filter(pk=decision_id)
        .select_related("case", "moderator", "approved_by", "rule__ruleset", "statement")
        .prefetch_related("rule__texts")
        .first()
    )


def appeal_detail(appeal_id: int) -> Appeal | None:
    return (
        Appeal.objects.filter(pk=appeal_id)
        .select_related("appellant", "decided_by", "decision__moderator", "decision__case")
        .first()
    )


def rulesets_published() -> QuerySet[RuleSet]:
    """Every published version, newest first (earlier versions stay public: decisions cite
    the version that was in force)."""
    return RuleSet.objects.order_by("-version")


def ruleset_by_version(version: int) -> RuleSet | None:
    return RuleSet.objects.filter(version=version).first()


def case_targets(cases) -> dict[tuple[str, int], object]:
    """The items a list of cases is about, one query per kind, keyed (type, id). For
    moderators: removed and private items are included; purged ones are simply missing."""
    wanted: dict[str, set[int]] = {}
    for case in cases:
        wanted.setdefault(case.target_type, set()).add(case.target_id)
    related = {
        "photo": ["owner"],
        "comment": ["author"],
        "album": ["owner"],
        "profile": [],
        "remote_post": ["author"],
        "remote_reply": ["author"],
        "remote_account": [],
    }
    found = {}
    for kind, ids in wanted.items():
        rows = MODELS[kind].objects.filter(pk__in=ids).select_related(*related[kind])
        found.update({(kind, row.pk): row for row in rows})
    return found


def target_image_path(target_type: str, target_id: int, size: str = "small") -> str:
    """For moderators only: the stored file showing an item, also after its removal (the
    public rendition URL no longer serves removed photos). "" when there is none."""
    from photos.models import Rendition

    if target_type == "photo":
        rendition = Rendition.objects.filter(photo_id=target_id, size=size).first()
        return rendition.file if rendition else ""
    if target_type == "profile":
        return User.objects.filter(pk=target_id).values_list("avatar", flat=True).first() or ""
    return ""


def evidence_for_viewer(decision_id: int, viewer) -> Evidence | None:
    """A decision's evidence snapshot, for moderators and for the affected user only."""
    if not viewer.is_authenticated:
        return None
    evidence = Evidence.objects.filter(decision_id=decision_id).select_related(
        "decision__case", "decision__statement"
    )
    if not viewer.is_moderator:
        evidence = evidence.filter(
            Q(decision__case__target_owner=viewer) | Q(decision__statement__recipient=viewer)
        )
    return evidence.first()


def statements_applied_between(*, start, end) -> QuerySet[StatementOfReasons]:
    """Statements whose decision took effect in [start, end), for the DSA Art. 24(5) export,
    with every person whose name the export must keep out loaded alongside."""
    return (
        StatementOfReasons.objects.filter(
            decision__applied_at__gte=start, decision__applied_at__lt=end
        )
        .select_related(
            "recipient",
            "decision__moderator",
            "decision__approved_by",
            "decision__case__target_owner",
        )
        .prefetch_related("decision__case__notices__notifier")
        .order_by("pk")
    )


def decisions_applied_between(*, start, end) -> QuerySet[Decision]:
    """Decisions that took effect in [start, end), whatever their action."""
    return Decision.objects.filter(applied_at__gte=start, applied_at__lt=end)


def dispute_detail(dispute_id: int):
    """An out-of-court dispute, for moderators recording its outcome."""
    from moderation.models import Dispute

    return Dispute.objects.filter(pk=dispute_id).select_related("decision").first()


def notices_by_deadline(*, now: datetime | None = None) -> dict[str, int]:
    """Notices of open cases by deadline state, for /metrics: `overdue`, `due_soon` (within
    the escalation lead, as `cases_escalate` counts it) and `on_time`. One aggregate query
    (and the policy row), whatever the number of notices."""
    now = now or timezone.now()
    soon = now + timedelta(hours=ModerationPolicy.current().escalate_before_hours)
    return Notice.objects.filter(case__state__in=["open", "awaiting_approval"]).aggregate(
        overdue=Count("pk", filter=Q(deadline_at__lte=now)),
        due_soon=Count("pk", filter=Q(deadline_at__gt=now, deadline_at__lte=soon)),
        on_time=Count("pk", filter=Q(deadline_at__gt=soon)),
    )
