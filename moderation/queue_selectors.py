"""The moderators' queue, filtered and searched (issue 17): by ground, law, channel,
deadline state, country, trusted flagger, appealed, status, claim, and a search over the
notices' text, the photo's title and the owner's username. Every filter is an EXISTS over
the case's notices (or a column of the case), so the queue keeps its keyset order
(priority, deadline, id) and a page stays one query."""

from dataclasses import dataclass, fields
from datetime import timedelta

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from moderation.models import Case, ModerationPolicy, Notice
from moderation.models.targets import Ground
from moderation.selectors import moderation_queue

DEADLINE_STATES = ("overdue", "soon", "on_time")
STATUSES = ("open", "awaiting_approval", "appealed")
CLAIMS = ("mine", "unclaimed")


@dataclass(frozen=True)
class QueueFilter:
    """The queue's URL parameters, cleaned: anything unknown is dropped (an empty value
    means "any")."""

    ground: str = ""
    law: str = ""
    channel: str = ""
    deadline: str = ""
    country: str = ""
    trusted: bool = False
    appealed: bool = False
    status: str = ""
    claim: str = ""
    q: str = ""

    @classmethod
    def from_query(cls, query) -> "QueueFilter":
        def pick(name: str, allowed) -> str:
            value = (query.get(name) or "").strip()
            return value if value in allowed else ""

        country = (query.get("country") or "").strip().upper()
        return cls(
            ground=pick("ground", Ground.values),
            law=(query.get("law") or "").strip()[:100],
            channel=pick("channel", Notice.Channel.values),
            deadline=pick("deadline", DEADLINE_STATES),
            country=country if len(country) == 2 and country.isalpha() else "",
            trusted=query.get("trusted") == "1",
            appealed=query.get("appealed") == "1",
            status=pick("status", STATUSES),
            claim=pick("claim", CLAIMS),
            q=(query.get("q") or "").strip()[:100],
        )

    def query(self) -> dict[str, str]:
        """The non-empty parameters, for links that keep the filter."""
        out = {}
        for field in fields(self):
            value = getattr(self, field.name)
            if value is True:
                out[field.name] = "1"
            elif value:
                out[field.name] = value
        return out

    @property
    def active(self) -> bool:
        return bool(self.query())


def _notice(**lookups) -> Exists:
    return Exists(Notice.objects.filter(case=OuterRef("pk"), **lookups))


def queue_filtered(flt: QueueFilter, viewer_id: int) -> QuerySet[Case]:
    cases = moderation_queue()
    if flt.ground:
        cases = cases.filter(_notice(ground=flt.ground))
    if flt.law:
        cases = cases.filter(_notice(law__icontains=flt.law))
    if flt.channel:
        cases = cases.filter(_notice(channel=flt.channel))
    if flt.country:
        cases = cases.filter(_notice(country=flt.country))
    if flt.trusted:
        cases = cases.filter(_notice(notifier_type=Notice.NotifierType.TRUSTED_FLAGGER))
    if flt.appealed:
        cases = cases.filter(state="appealed")
    if flt.status:
        cases = cases.filter(state=flt.status)
    if flt.deadline:
        cases = cases.filter(_deadline(flt.deadline))
    if flt.claim:
        cases = cases.filter(_claim(flt.claim, viewer_id))
    if flt.q:
        cases = cases.filter(_search(flt.q))
    return cases


def _deadline(state: str) -> Q:
    """As /metrics counts them (selectors.notices_by_deadline): overdue, due within the
    escalation lead ("soon"), or later; only for cases still waiting for a decision."""
    now = timezone.now()
    soon = now + timedelta(hours=ModerationPolicy.current().escalate_before_hours)
    waiting = Q(state__in=["open", "awaiting_approval"])
    if state == "overdue":
        return waiting & Q(deadline_at__lte=now)
    if state == "soon":
        return waiting & Q(deadline_at__gt=now, deadline_at__lte=soon)
    return waiting & Q(deadline_at__gt=soon)


def _claim(claim: str, viewer_id: int) -> Q:
    active = Q(state="open", claimed_by__isnull=False, claimed_until__gt=timezone.now())
    if claim == "mine":
        return active & Q(claimed_by_id=viewer_id)
    return ~active


def _search(text: str) -> Q:
    from photos.models import Photo

    photos = Photo.objects.filter(pk=OuterRef("target_id"), title__icontains=text)
    return (
        Q(_notice(explanation__icontains=text))
        | Q(target_owner__username__icontains=text)
        | (Q(target_type="photo") & Q(Exists(photos)))
    )


def next_case(flt: QueueFilter, viewer_id: int, *, after: int | None = None) -> Case | None:
    """The first case of the same filtered queue the viewer can decide now: open, not
    claimed by someone else, not about their own content, not the one just decided."""
    now = timezone.now()
    claimed_by_other = Q(claimed_by__isnull=False, claimed_until__gt=now) & ~Q(
        claimed_by_id=viewer_id
    )
    cases = (
        queue_filtered(flt, viewer_id)
        .filter(state="open")
        .exclude(claimed_by_other)
        .exclude(target_owner_id=viewer_id)
    )
    if after is not None:
        cases = cases.exclude(pk=after)
    return cases.first()
