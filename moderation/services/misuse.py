"""Protection against misuse (DSA Art. 23): after a warning, notifiers who keep sending
manifestly unfounded notices are deprioritised and then suspended for a period; users who
keep posting manifestly illegal content are warned and a suspension is proposed to the
moderators (an account suspension is a decision with a statement of reasons and four eyes).
Each measure comes with a statement to the person."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.preferences import language_for
from core.events import event_record
from moderation.models import Decision, MisuseMeasure, ModerationPolicy, Notice
from moderation.services.cached import cached_restrictions
from moderation.services.notify import notifier_language, send_after_commit

Kind, Level = MisuseMeasure.Kind, MisuseMeasure.Level
# One step at a time, whatever the count: a warning first (Art. 23(2) asks for a prior
# warning before a suspension), then deprioritising, then suspending.
STEPS = (Level.WARNING, Level.DEPRIORITISED, Level.SUSPENDED)


@dataclass
class Standing:
    deprioritised: bool = False
    suspended_until: datetime | None = None


def notifier_standing(*, user, email: str) -> Standing:
    """Whether Art. 23(2) measures restrict this notifier now: read on every notice, from the
    per-process copy of the restricting measures (services/cached.py), which any new or
    deleted measure refreshes. Notifiers without an account are matched by email,
    case-insensitively, as `_measures_for` does."""
    by_user = user is not None and getattr(user, "pk", None)
    key = ("user", user.pk) if by_user else ("email", (email or "-").upper())
    now, standing = timezone.now(), Standing()
    for level, ends_at in cached_restrictions(key):
        if ends_at is not None and ends_at <= now:
            continue
        if level == Level.SUSPENDED:
            standing.suspended_until = ends_at
        else:
            standing.deprioritised = True
    return standing


def misuse_review_notifier(*, notice: Notice) -> MisuseMeasure | None:
    """Called once per notifier when a decision marks their notices manifestly unfounded.
    Takes the next step if the count of unfounded notices has reached it."""
    policy, now = ModerationPolicy.current(), timezone.now()
    since = now - timedelta(days=policy.misuse_window_days)
    filed = Notice.objects.filter(received_at__gte=since, manifestly_unfounded=True)
    filed = (
        filed.filter(notifier=notice.notifier)
        if notice.notifier_id
        else filed.filter(notifier_email__iexact=notice.notifier_email)
    )
    count = filed.count()
    total = (
        Notice.objects.filter(received_at__gte=since, notifier=notice.notifier).count()
        if notice.notifier_id
        else count
    )
    thresholds = [
        policy.misuse_warning_after,
        policy.misuse_deprioritise_after,
        policy.misuse_suspend_after,
    ]
    reached = sum(count >= threshold for threshold in thresholds)
    earlier = _measures_for(notice.notifier, notice.notifier_email).filter(
        Q(starts_at__gte=since) | Q(ends_at__gt=now),
        kind=Kind.UNFOUNDED_NOTICES,
    )
    levels = set(earlier.values_list("level", flat=True))
    taken = [level in levels for level in STEPS]
    step = taken.index(False) if False in taken else len(STEPS)
    if step >= reached:
        return None
    level = STEPS[step]
    days = None if level == Level.WARNING else policy.misuse_suspension_days
    language = language_for(notice.notifier) if notice.notifier_id else notifier_language(notice)
    with translation.override(language):  # the notifier's, not the moderator's
        statement = (
            ngettext(
                "%(count)d of your %(total)d notices in the last %(window)d days was "
                "manifestly unfounded.",
                "%(count)d of your %(total)d notices in the last %(window)d days were "
                "manifestly unfounded.",
                count,
            )
            % {"count": count, "total": total, "window": policy.misuse_window_days}
            + " "
            + _consequence(level, days)
        )
    return _measure(
        user=notice.notifier,
        email=notice.notifier_email,
        kind=Kind.UNFOUNDED_NOTICES,
        level=level,
        days=days,
        statement=statement,
        language=language,
    )


def server_standing(server: str) -> Standing:
    """Whether another server's reports are suspended now (DSA Art. 23(2) applied to a
    server as a notifier), from the same per-process copy as `notifier_standing`."""
    now, standing = timezone.now(), Standing()
    for level, ends_at in cached_restrictions(("server", server.lower())):
        if level == Level.SUSPENDED and (ends_at is None or ends_at > now):
            standing.suspended_until = ends_at
    return standing


def misuse_review_server(*, notice: Notice) -> MisuseMeasure | None:
    """DSA Art. 23 for another server as a notifier: its reports arrive as ActivityPub
    `Flag`s (federation/flags.py), each a notice whose `notifier_name` is the server's
    actor. When a decision marks them manifestly unfounded often enough, the server is
    warned, then the processing of its reports is suspended for a period (the issue asks
    for these two steps; a server's reports have no priority of their own to lower). The
    statement is kept on the measure, logged, and sent to the server's actor as a private
    note by the federation worker (federation/measures.py)."""
    server = notice_server(notice)
    if not server:
        return None
    policy, now = ModerationPolicy.current(), timezone.now()
    since = now - timedelta(days=policy.misuse_window_days)
    sent = server_notices(server).filter(received_at__gte=since)
    count, total = sent.filter(manifestly_unfounded=True).count(), sent.count()
    earlier = MisuseMeasure.objects.filter(
        Q(starts_at__gte=since) | Q(ends_at__gt=now),
        server=server,
        kind=Kind.UNFOUNDED_NOTICES,
    )
    taken = set(earlier.values_list("level", flat=True))
    # One step at a time, a warning first (Art. 23(2)), as for people.
    if Level.WARNING not in taken:
        level, threshold = Level.WARNING, policy.misuse_warning_after
    else:
        level, threshold = Level.SUSPENDED, policy.misuse_suspend_after
    if count < threshold or level in taken:
        return None
    days = None if level == Level.WARNING else policy.misuse_suspension_days
    with translation.override("en"):  # the other server's language is unknown
        statement = _server_statement(server, count, total, policy.misuse_window_days, level, days)
    return _measure(
        user=None,
        email="",
        server=server,
        kind=Kind.UNFOUNDED_NOTICES,
        level=level,
        days=days,
        statement=statement,
        language="en",
    )


def server_measures_attach(notices: list[Notice]) -> None:
    """Each federation notice gets `server_measure`: the newest Art. 23 measure against its
    server, for the case page (one query for all of them)."""
    servers = {notice_server(n) for n in notices} - {""}
    if not servers:
        return
    newest: dict[str, MisuseMeasure] = {}
    for measure in MisuseMeasure.objects.filter(server__in=servers).order_by("starts_at"):
        newest[measure.server] = measure
    for notice in notices:
        notice.server_measure = newest.get(notice_server(notice))


def server_notices(server: str):
    """The notices filed from `server`'s Flags, known by the host of the reporting actor."""
    channel = Notice.objects.filter(channel=Notice.Channel.FEDERATION)
    return channel.filter(
        Q(notifier_name__istartswith=f"https://{server}/")
        | Q(notifier_name__istartswith=f"http://{server}/")
    )


def notice_server(notice: Notice) -> str:
    if notice.channel != Notice.Channel.FEDERATION:
        return ""
    try:
        return urlsplit(notice.notifier_name).netloc.lower()
    except ValueError:
        return ""


def _server_statement(server, count, total, window, level, days) -> str:
    found = ngettext(
        "%(count)d of the %(total)d reports %(server)s sent in the last %(window)d days was "
        "manifestly unfounded.",
        "%(count)d of the %(total)d reports %(server)s sent in the last %(window)d days were "
        "manifestly unfounded.",
        count,
    ) % {"count": count, "total": total, "server": server, "window": window}
    if level == Level.WARNING:
        return (
            found
            + " "
            + _(
                "This is a warning: if it continues, reports from your server will not be "
                "processed for a period (DSA Art. 23)."
            )
        )
    return (
        found
        + " "
        + ngettext(
            "For the next %(days)d day reports from your server will be kept but not processed "
            "(DSA Art. 23).",
            "For the next %(days)d days reports from your server will be kept but not processed "
            "(DSA Art. 23).",
            days,
        )
        % {"days": days}
    )


def misuse_review_poster(*, user) -> MisuseMeasure | None:
    """Called when a decision finds a user's content manifestly illegal."""
    policy, now = ModerationPolicy.current(), timezone.now()
    since = now - timedelta(days=policy.misuse_window_days)
    count = Decision.objects.filter(
        case__target_owner=user, manifestly_illegal=True, state="in_force", created_at__gte=since
    ).count()
    if count < 1 or _already(user, "", Kind.ILLEGAL_CONTENT, Level.WARNING):
        return None
    language = language_for(user)
    with translation.override(language):
        statement = ngettext(
            "%(count)d item you posted in the last %(window)d days was found manifestly "
            "illegal and removed. If this happens again, your account may be suspended for a "
            "period (DSA Art. 23).",
            "%(count)d items you posted in the last %(window)d days were found manifestly "
            "illegal and removed. If this happens again, your account may be suspended for a "
            "period (DSA Art. 23).",
            count,
        ) % {"count": count, "window": policy.misuse_window_days}
    return _measure(
        user=user,
        email=user.email,
        kind=Kind.ILLEGAL_CONTENT,
        level=Level.WARNING,
        days=None,
        statement=statement,
        language=language,
    )


def poster_suspension_due(user) -> bool:
    """True when a warned user posts manifestly illegal content again: moderators are shown
    a proposed suspension, never an automatic one."""
    warned = _measures_for(user, "").filter(kind=Kind.ILLEGAL_CONTENT, level=Level.WARNING)
    first = warned.order_by("starts_at").first()
    if first is None:
        return False
    return Decision.objects.filter(
        case__target_owner=user,
        manifestly_illegal=True,
        state="in_force",
        created_at__gt=first.starts_at,
    ).exists()


def _consequence(level: str, days: int | None) -> str:
    if level == Level.WARNING:
        return _(
            "This is a warning: if it continues, your notices will be handled with lower "
            "priority and then not processed for a period (DSA Art. 23)."
        )
    if level == Level.DEPRIORITISED:
        return ngettext(
            "For the next %(days)d day your notices will be handled with lower priority.",
            "For the next %(days)d days your notices will be handled with lower priority.",
            days,
        ) % {"days": days}
    return ngettext(
        "For the next %(days)d day your notices will not be processed.",
        "For the next %(days)d days your notices will not be processed.",
        days,
    ) % {"days": days}


def _measures_for(user, email: str):
    if user is not None and getattr(user, "pk", None):
        return MisuseMeasure.objects.filter(user=user)
    return MisuseMeasure.objects.filter(user__isnull=True, email__iexact=email or "-")


def _already(user, email: str, kind: str, level: str) -> bool:
    now = timezone.now()
    return (
        _measures_for(user, email)
        .filter(kind=kind, level=level)
        .filter(Q(ends_at__isnull=True) | Q(ends_at__gt=now))
        .exists()
    )


def _measure(
    *, user, email: str, kind: str, level: str, days, statement: str, language: str, server=""
) -> MisuseMeasure:
    now = timezone.now()
    measure = MisuseMeasure.objects.create(
        user=user,
        email="" if user else email,
        server=server,
        kind=kind,
        level=level,
        statement=statement,
        starts_at=now,
        ends_at=now + timedelta(days=days) if days else None,
    )
    event_record(
        kind="moderation.misuse_measure",
        subject=measure,
        data={"kind": kind, "level": level, "days": days, **({"server": server} if server else {})},
    )
    if server:  # no email: the federation worker sends the statement (federation/measures.py)
        return measure
    send_after_commit(
        to=[user.email if user else email],
        template="misuse_measure",
        context={"measure": measure},
        language=language,
    )
    return measure
