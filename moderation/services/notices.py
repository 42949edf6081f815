"""Notice intake: one form and one queue for every ground (DSA Art. 16; NetzDG §3)."""

import re
import secrets
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from core.deadlines import deadline
from core.errors import ServiceError
from core.events import events_record
from moderation.models import Case, Notice
from moderation.models.targets import Ground
from moderation.services.cached import cached_policy, cached_rule_in_force
from moderation.services.misuse import notifier_standing
from moderation.services.notify import send_after_commit, supported
from moderation.services.offences import offence_of
from moderation.services.targets import Target
from moderation.sor import ILLEGAL_CATEGORIES, RULES_CATEGORY

STAFF_CHANNELS = {Notice.Channel.MODERATOR, Notice.Channel.AUTHORITY}
# A report another server sent (an ActivityPub Flag, federation/flags.py) names no person
# to write to and no rule: the moderator chooses the ground when deciding.
NO_CONTACT_CHANNELS = {*STAFF_CHANNELS, Notice.Channel.FEDERATION}
REPEATABLE_CHANNELS = [Notice.Channel.WEB, Notice.Channel.API]
REPEAT_WINDOW = timedelta(minutes=10)
REPEAT_FIELDS = (
    "ground",
    "rule_id",
    "category",
    "country",
    "law",
    "netzdg_manifest",
    "explanation",
)


def notice_submit(
    *,
    target: Target,
    ground: str,
    explanation: str,
    channel: str = Notice.Channel.WEB,
    notifier: User | None = None,
    notifier_name: str = "",
    notifier_email: str = "",
    notifier_type: str = Notice.NotifierType.USER,
    country: str = "",
    law: str = "",
    netzdg_manifest: bool = False,
    category: str = "",
    rule_code: str = "",
    good_faith: bool = False,
    language: str = "",
    now: datetime | None = None,
) -> Notice:
    """Validate, compute the deadline, join or open the item's case, log, confirm receipt.
    `language`: the notifier's, in which the confirmation and the outcome are written
    (issue 15); by default the language active for the request (web form or API)."""
    now = now or timezone.now()
    if channel == Notice.Channel.AUTHORITY:  # an order (DSA Art. 9) comes from an authority
        notifier_type = Notice.NotifierType.AUTHORITY
    name, email = _notifier_contact(notifier, notifier_name, notifier_email, channel)
    rule = _check_ground(
        ground, explanation, country, law, category, rule_code, good_faith, channel=channel
    )
    priority = _priority(notifier, email, notifier_type)
    due = _deadline(ground, netzdg_manifest, now)
    notice = Notice(
        reference=reference_new("N"),
        channel=channel,
        notifier_type=notifier_type,
        notifier=notifier,
        notifier_name=name,
        notifier_email=email,
        target_type=target.type,
        target_id=target.id,
        ground=ground,
        category=category
        or (
            RULES_CATEGORY if ground == Ground.RULES else "STATEMENT_CATEGORY_NOT_SPECIFIED_NOTICE"
        ),
        country=country.upper(),
        law=law.strip(),
        netzdg_manifest=ground == Ground.ILLEGAL and netzdg_manifest,
        rule=rule,
        explanation=explanation.strip(),
        good_faith=good_faith,
        priority=priority,
        received_at=now,
        deadline_at=due,
        language=supported(language or translation.get_language() or ""),
        appeal_token=secrets.token_urlsafe(24) if notifier is None else "",
    )
    try:
        with transaction.atomic():
            opened = _file(notice, target)
            _refuse_repeat(notice)
            _log_intake(notice, notice.case, opened, notifier)
            if notice.notifier_email:
                transaction.on_commit(lambda: _confirm_receipt(notice))
    except _Repeated as repeat:
        return repeat.earlier
    return notice


class _Repeated(Exception):
    """Rolls back a notice that repeats an earlier one; carries the earlier one."""

    def __init__(self, earlier: Notice):
        super().__init__(earlier.reference)
        self.earlier = earlier


def _refuse_repeat(notice: Notice) -> None:
    """A notice that repeats one the same notifier sent within REPEAT_WINDOW (a double
    click, a resend after a timeout, in the web form or the API) is that earlier notice:
    the caller gets it back, with its reference, and nothing new is stored, mailed or
    counted. A repeat says the same thing: same item, same ground with the same rule or
    law, the same explanation. A notice that adds or changes anything is a new notice,
    which DSA Art. 16 has us process. Checked after `_file` has locked the item's open
    case, so two simultaneous copies wait for each other and the second sees the first.
    Staff and authority channels are exempt: each entry or order there is its own act."""
    if notice.channel not in REPEATABLE_CHANNELS:
        return
    window = (notice.received_at - REPEAT_WINDOW, notice.received_at + REPEAT_WINDOW)
    same = Notice.objects.filter(
        target_type=notice.target_type,
        target_id=notice.target_id,
        channel__in=REPEATABLE_CHANNELS,
        received_at__range=window,
        **{field: getattr(notice, field) for field in REPEAT_FIELDS},
    ).exclude(pk=notice.pk)
    if notice.notifier_id is not None:
        same = same.filter(notifier_id=notice.notifier_id)
    else:
        same = same.filter(notifier__isnull=True, notifier_email__iexact=notice.notifier_email)
    earlier = same.order_by("received_at", "id").first()
    if earlier is not None:
        raise _Repeated(earlier)


def _confirm_receipt(notice: Notice) -> None:
    """DSA Art. 16(4): confirm receipt without undue delay. Rendered only once the notice is
    committed, so a rolled-back intake neither mails anyone nor renders for nothing."""
    send_after_commit(
        to=[notice.notifier_email],
        template="notice_received",
        context={"notice": notice},
        language=notice.language,
    )


def _notifier_contact(notifier, name: str, email: str, channel: str) -> tuple[str, str]:
    """DSA Art. 16(2)(c): name and email, prefilled for signed-in users."""
    if notifier is not None:
        return (name or notifier.name), (email or notifier.email)
    if channel in NO_CONTACT_CHANNELS:
        return name, email
    if not name.strip() or not email.strip():
        raise ServiceError(
            _(
                "Please give your name and email address, so we can confirm "
                "receipt and tell you the decision."
            )
        )
    try:
        validate_email(email.strip())
    except ValidationError as exc:
        raise ServiceError(_("That email address does not look valid.")) from exc
    return name.strip(), email.strip()


def _check_ground(
    ground, explanation, country, law, category, rule_code, good_faith, *, channel=""
):
    if len(explanation.strip()) < 10:
        raise ServiceError(_("Please explain, in a sentence or more, why you are reporting this."))
    if ground == Ground.ILLEGAL:
        if not re.fullmatch(r"[A-Za-z]{2}", country or ""):
            raise ServiceError(_("Name the country whose law the content breaks (e.g. DE)."))
        if not law.strip():
            raise ServiceError(_("Name the law or offence the content breaks."))
        if category and category not in ILLEGAL_CATEGORIES:
            raise ServiceError(_("Unknown category of illegal content."))
        if not good_faith:
            raise ServiceError(
                _(
                    "Please confirm that your report is accurate and complete to "
                    "the best of your knowledge (good-faith statement)."
                )
            )
        return None
    if ground == Ground.RULES and channel == Notice.Channel.FEDERATION and not rule_code:
        return None
    if ground == Ground.RULES:
        rule = cached_rule_in_force(rule_code)
        if rule is None:
            raise ServiceError(_("Unknown rule: choose one of the community rules."))
        return rule
    raise ServiceError(_("Choose whether the content is illegal or breaks the community rules."))


def _priority(notifier, email: str, notifier_type: str) -> int:
    if notifier_type in (Notice.NotifierType.TRUSTED_FLAGGER, Notice.NotifierType.AUTHORITY):
        return Notice.Priority.HIGH
    standing = notifier_standing(user=notifier, email=email)
    if standing.suspended_until:
        raise ServiceError(
            _(
                "Your notices are not being processed until %(date)s because several "
                "earlier notices were manifestly unfounded (DSA Art. 23). We told you why "
                "by email."
            )
            % {"date": f"{standing.suspended_until:%Y-%m-%d}"}
        )
    return Notice.Priority.LOW if standing.deprioritised else Notice.Priority.NORMAL


def _deadline(ground: str, netzdg_manifest: bool, now: datetime) -> datetime:
    if ground == Ground.ILLEGAL:
        kind = "netzdg_manifestly_illegal" if netzdg_manifest else "illegal_content"
        return deadline(kind, start=now)
    return rules_deadline(now)


def rules_deadline(now: datetime) -> datetime:
    """The policy's target for deciding a community-rules case; own-initiative cases too."""
    hours = cached_policy().rules_target_hours
    return deadline("rules_target", start=now, policy_delta=timedelta(hours=hours))


def _file(notice: Notice, target: Target) -> bool:
    """Join or open the item's case and insert the notice into it; True if the case is new.

    All notices about one item share one case, which keeps the earliest deadline and the
    highest priority. One upsert against the `one_open_case_per_target` unique index does
    it: concurrent notices about a new item wait for each other and join one case, with no
    savepoint and no retry. On PostgreSQL the notice's INSERT rides in the same statement.
    Both are plain statements, as core/events.py does for events: the ORM's lock, update
    or savepointed insert, and its save path cost ~1 ms of a ~2.5 ms intake. Notice has no
    save() override and no signal receivers to skip. The case's other fields load on use."""
    connection = transaction.get_connection()
    adapt = connection.ops.adapt_datetimefield_value
    case_params = [target.type, target.id, target.owner_id, notice.priority]
    case_params += [adapt(notice.deadline_at), adapt(notice.received_at)]
    params = [f.get_db_prep_save(f.pre_save(notice, True), connection) for f in _NOTICE_FIELDS]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(_JOIN_OR_OPEN_WITH_NOTICE, [*case_params, *params])
            notice.pk, case_id, version = cursor.fetchone()
        else:
            cursor.execute(_JOIN_OR_OPEN + " RETURNING id, version", case_params)
            case_id, version = cursor.fetchone()
            cursor.execute(_INSERT_NOTICE + " RETURNING id", [case_id, *params])
            notice.pk = cursor.fetchone()[0]
    notice._state.adding, notice._state.db = False, connection.alias
    values = [case_id, target.type, target.id, version]
    notice.case = Case.from_db(
        connection.alias, ["id", "target_type", "target_id", "version"], values
    )
    return version == 0


# A new case starts at version 0; joining one bumps its optimistic-lock version. A notice
# joining a case a moderator opened on their own initiative makes it a case on a notice:
# its decision is an action taken on a notice (DSA Art. 15(1)(b), the report's table 4),
# as its statement of reasons already says.
_JOIN_OR_OPEN = (
    "INSERT INTO moderation_case (target_type, target_id, target_owner_id, state, "
    "own_initiative, priority, deadline_at, opened_at, version) "
    "VALUES (%s, %s, %s, 'open', FALSE, %s, %s, %s, 0) "
    "ON CONFLICT (target_type, target_id) WHERE state IN ('open', 'awaiting_approval') "
    "DO UPDATE SET deadline_at = CASE WHEN excluded.deadline_at < moderation_case.deadline_at "
    "THEN excluded.deadline_at ELSE moderation_case.deadline_at END, "
    "priority = CASE WHEN excluded.priority < moderation_case.priority "
    "THEN excluded.priority ELSE moderation_case.priority END, "
    "own_initiative = FALSE, version = moderation_case.version + 1"
)
_NOTICE_FIELDS = [f for f in Notice._meta.concrete_fields if f.name not in ("id", "case")]
_COLUMNS = ", ".join(f.column for f in _NOTICE_FIELDS)
_MARKS = ", ".join(["%s"] * len(_NOTICE_FIELDS))
# Column names come from the model; the values are parameters.
_INSERT_NOTICE = f"INSERT INTO moderation_notice (case_id, {_COLUMNS}) VALUES (%s, {_MARKS})"  # noqa: S608
_JOIN_OR_OPEN_WITH_NOTICE = (
    f"WITH c AS ({_JOIN_OR_OPEN} RETURNING id, version) "  # noqa: S608
    f"INSERT INTO moderation_notice (case_id, {_COLUMNS}) VALUES ((SELECT id FROM c), {_MARKS}) "
    "RETURNING id, case_id, (SELECT version FROM c)"
)


def _log_intake(notice: Notice, case: Case, opened: bool, notifier) -> None:
    """Both events under one lock of the chain head (core.events.events_record)."""
    opening = {
        "kind": "moderation.case_opened",
        "subject": case,
        "data": {"case_id": case.pk, "target_type": case.target_type},
    }
    received = {
        "kind": "moderation.notice_received",
        "actor": notifier,
        "subject": notice,
        "data": {
            "notice_id": notice.pk,
            "case_id": case.pk,
            "channel": notice.channel,
            "notifier_type": notice.notifier_type,
            "ground": notice.ground,
            "category": notice.category,
            "country": notice.country,
            "netzdg_manifest": notice.netzdg_manifest,
            "target_type": notice.target_type,
            "rule": notice.rule.code if notice.rule else "",
            "deadline_at": notice.deadline_at.isoformat(),
            "offence": offence_of(notice.law),
            "receipt_confirmed": bool(notice.notifier_email),
        },
        "private": {"notifier_name": notice.notifier_name, "notifier_email": notice.notifier_email},
    }
    events_record([opening, received] if opened else [received])


def reference_new(prefix: str) -> str:
    """A short public reference: N- notices, A- appeals, D- disputes."""
    return f"{prefix}-{timezone.now():%Y}-{secrets.token_hex(4).upper()}"
