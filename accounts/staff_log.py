"""Staff sign-ins in the event log, and the staff activity the audit page lists.

Every sign-in attempt on a moderator or admin account is an event `staff.signin`
(not part of the public moderation chain): which step it reached and how it ended, the
second factor used, and in `private` the client address and browser, never a password,
code or secret. With the privileged actions (decisions, appeals, rules and policy,
releases, licensees, roles, …) it makes the staff activity list of the audit page.
"""

from django.db import transaction
from django.db.models import Q, QuerySet

from accounts.models import User
from core.events import event_record
from core.models import Event

SIGNIN = "staff.signin"
# Events only staff (or the operator at the command line) can cause.
PRIVILEGED_KINDS = (
    "account.role_changed",
    "account.plan_changed",
    "plan.quota_changed",
    "moderation.decision_proposed",
    "moderation.decision_applied",
    "moderation.decision_rejected",
    "moderation.decision_reversed",
    "moderation.appeal_decided",
    "moderation.dispute_decided",
    "moderation.case_escalated",
    "moderation.rules_published",
    "moderation.policy_changed",
    "moderation.misuse_measure",
    "moderation.server_measure",
    "moderation.authorities_notified",
    "consent.depicted_decided",
    "consent.manifest_imported",
    "consent.manifest_deleted",
    "dataset.created",
    "release.built",
    "release.published",
    "release.withdrawn",
    "licensee.added",
)


def staff_signin_record(
    *, user: User, outcome: str, step: str, method: str = "", ip: str = "", user_agent: str = ""
) -> None:
    """`outcome`: succeeded, failed or password_accepted (the code is still to come);
    `step`: password or second_factor; `method`: totp or recovery_code on success."""
    data = {"outcome": outcome, "step": step}
    if method:
        data["second_factor"] = method
    with transaction.atomic():
        event_record(
            kind=SIGNIN,
            actor=user if outcome == "succeeded" else None,
            subject=user,
            data=data,
            private={"ip": ip, "user_agent": user_agent[:255]},
        )


def staff_account_named(username: str) -> User | None:
    """The moderator or admin a failed password was typed for, matched as the log-in form
    matches (exactly); anyone else's failures are not staff sign-ins."""
    return User.objects.filter(
        username=username, role__in=[User.Role.MODERATOR, User.Role.ADMIN]
    ).first()


# Events of a kind anyone may cause, privileged when staff cause them: a case a moderator
# opens on their own initiative, a notice or authority order a moderator enters.
PRIVILEGED_WHEN = Q(kind="moderation.case_opened", data__own_initiative=True) | Q(
    kind="moderation.notice_received", data__channel__in=["moderator", "authority"]
)


def staff_activity() -> QuerySet[Event]:
    """Newest first: staff sign-ins, second-factor changes and privileged actions."""
    return (
        Event.objects.filter(
            Q(kind__startswith="staff.") | Q(kind__in=PRIVILEGED_KINDS) | PRIVILEGED_WHEN
        )
        .select_related("actor")
        .order_by("-created_at", "-id")
    )


def subject_names(events: list[Event]) -> dict[int, str]:
    """Usernames of the accounts some of these events are about (one query)."""
    ids = {e.subject_id for e in events if e.subject_type == "accounts.user" and e.subject_id}
    return dict(User.objects.filter(pk__in=ids).values_list("pk", "username"))
