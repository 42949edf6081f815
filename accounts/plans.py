"""Plans and quotas: a quota only ever pauses new uploads.

Users were locked out until they paid or let their photos be deleted; Candid's plans
differ in one thing only, how many photos a new upload may bring the account to.
Nothing is deleted or hidden for being over quota; viewing, downloading originals and
exporting always work; a downgrade keeps every photo; and no enforcement (moderation)
rule reads the plan. The quotas are operator policy in the database (`PlanPolicy`),
set with `manage.py plan_quota`; an admin sets a user's plan with `manage.py set_plan`.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext

from accounts.models import Plan, PlanPolicy, User
from core.errors import PermissionDenied, ServiceError
from core.events import event_record

DEFAULT_QUOTAS = {Plan.FREE: 1_000, Plan.PAID: 100_000}


class QuotaReached(PermissionDenied):
    """An upload refused because the account holds its plan's quota of photos."""


@dataclass(frozen=True)
class QuotaStatus:
    plan: str
    quota: int
    used: int

    @property
    def over(self) -> bool:
        return self.used >= self.quota

    @property
    def message(self) -> str:
        return (
            f"Your {self.plan} plan holds {self.quota:,} photos; you have {self.used:,}. "
            "Uploads are paused until you delete some photos or move to a larger plan. "
            "Nothing is deleted or hidden: your photos stay visible, and you can still "
            "download your originals and export your data."
        )


def quota_of(plan: str) -> int:
    policy = PlanPolicy.objects.filter(plan=plan).first()
    return policy.photo_quota if policy else DEFAULT_QUOTAS[Plan(plan)]


def quota_status(user: User) -> QuotaStatus:
    """Photos count whatever their visibility; photos a moderation decision removed do
    not count (their owner cannot use them)."""
    from photos.models import Photo

    used = Photo.objects.filter(owner_id=user.pk, removed_at__isnull=True).count()
    return QuotaStatus(plan=user.plan, quota=quota_of(user.plan), used=used)


def ensure_upload_allowed(owner: User) -> None:
    """Called by photos.services.photo_upload before anything is stored."""
    status = quota_status(owner)
    if status.over:
        raise QuotaReached(status.message)


def plan_set(*, user: User, plan: str, actor: User | None = None) -> User:
    """Move a user to a plan (an admin's act; billing is outside Candid). A downgrade
    below the photos already held only pauses uploads: nothing is touched."""
    if plan not in Plan.values:
        raise ServiceError(
            gettext("There is no plan “%(plan)s”; the plans are %(known)s.")
            % {"plan": plan, "known": ", ".join(Plan.values)}
        )
    with transaction.atomic():
        previous, user.plan = user.plan, plan
        user.save(update_fields=["plan"])
        event_record(
            kind="account.plan_changed",
            actor=actor,
            subject=user,
            data={"from": previous, "to": plan},
        )
    return user


def plan_quota_set(*, plan: str, photo_quota: int, actor: User | None = None) -> PlanPolicy:
    if plan not in Plan.values:
        raise ServiceError(
            gettext("There is no plan “%(plan)s”; the plans are %(known)s.")
            % {"plan": plan, "known": ", ".join(Plan.values)}
        )
    if photo_quota < 0:
        raise ServiceError(gettext("A quota is a number of photos, 0 or more."))
    with transaction.atomic():
        policy, _ = PlanPolicy.objects.update_or_create(
            plan=plan, defaults={"photo_quota": photo_quota}
        )
        event_record(
            kind="plan.quota_changed",
            actor=actor,
            subject=policy,
            data={"plan": plan, "photo_quota": photo_quota},
        )
    return policy
