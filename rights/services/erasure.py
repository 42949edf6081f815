"""Account erasure (GDPR Art. 17).

A request starts a grace period (settings.CANDID_ERASURE_GRACE_DAYS, default 14) in which
the user can cancel. Then `rights_upkeep` erases: it walks the privacy registry in
reverse (the account row last) inside one transaction, within the month GDPR Art. 12(3)
allows (`deadline_at`; the grace period never runs past it). Content under a legal hold
(moderation.privacy.legal_holds) is kept and hidden; the request stays "held" and each
later run erases what is no longer held, until nothing is and the request is
"completed". Every step is logged with ids and counts only, never personal data.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.deadlines import deadline
from core.errors import PermissionDenied, ServiceError
from core.events import event_record
from moderation.privacy import legal_holds
from rights import registry, states
from rights.models import ErasureRequest

LIVE = ("scheduled", "erasing", "held")


def grace_days() -> int:
    return settings.CANDID_ERASURE_GRACE_DAYS


def erasure_request(*, actor: User, user: User) -> ErasureRequest:
    """Open also to suspended and terminated accounts: erasure is a right, not an action
    on the platform (content under a moderation hold is kept regardless)."""
    if actor.pk != user.pk:
        raise PermissionDenied(_("You can only delete your own account."))
    now = timezone.now()
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=user.pk).first()
        if ErasureRequest.objects.filter(user=user, state__in=LIVE).exists():
            raise ServiceError(_("You have already asked for your account to be deleted."))
        legal = deadline("gdpr_request", start=now)
        request = ErasureRequest.objects.create(
            user=user,
            requested_at=now,
            scheduled_for=min(now + timedelta(days=grace_days()), legal),
            deadline_at=legal,
        )
        event_record(
            kind="rights.erasure_requested",
            subject=request,
            data={"erasure_id": request.pk, "scheduled_for": request.scheduled_for.isoformat()},
        )
    return request


def erasure_cancel(*, actor: User, request: ErasureRequest) -> ErasureRequest:
    if actor.pk != request.user_id:
        raise PermissionDenied(_("You can only cancel your own deletion request."))
    with transaction.atomic():
        request = ErasureRequest.objects.select_for_update().get(pk=request.pk)
        if request.state == "scheduled" and request.scheduled_for <= timezone.now():
            raise ServiceError(_("The grace period is over: the deletion is under way."))
        states.ERASURE.check(request.state, "cancelled")
        request.state, request.cancelled_at = "cancelled", timezone.now()
        request.save(update_fields=["state", "cancelled_at"])
        event_record(
            kind="rights.erasure_cancelled", subject=request, data={"erasure_id": request.pk}
        )
    return request


def erasure_carry_out(*, request_id: int, now=None) -> ErasureRequest:
    """One run over a due or held request; safe to repeat. One transaction: a run whose
    process dies leaves the request as it was, and the next `rights_upkeep` runs it
    again. A run that waited for another one on the row lock finds the request finished
    and does nothing, so no step is done or logged twice."""
    now = now or timezone.now()
    with transaction.atomic():
        request = ErasureRequest.objects.select_for_update().get(pk=request_id)
        if request.state not in ("scheduled", "held"):
            return request
        if request.state == "scheduled":
            states.ERASURE.check("scheduled", "erasing")
            request.state = "erasing"
        user = User.objects.select_for_update().get(pk=request.user_id)
        holds = legal_holds(user, now=now)
        for module in reversed(registry.modules()):
            counts = module.erase(user, holds=holds)
            event_record(
                kind="rights.erasure_step",
                subject=request,
                data={"erasure_id": request.pk, "section": module.SECTION, **counts},
            )
        _finish(request, holds.count, now)
    return request


def _finish(request: ErasureRequest, held: int, now) -> None:
    target = "held" if held else "completed"
    if request.state != target:
        states.ERASURE.check(request.state, target)
    request.state, request.held_items = target, held
    request.erased_at = request.erased_at or now
    request.completed_at = now if target == "completed" else None
    request.save()
    event_record(
        kind=f"rights.erasure_{target}",
        subject=request,
        data={"erasure_id": request.pk, "held_items": held},
    )


def erasures_due(*, now=None) -> int:
    now = now or timezone.now()
    due = ErasureRequest.objects.filter(state="scheduled", scheduled_for__lte=now)
    held = ErasureRequest.objects.filter(state="held")
    ids = list(due.values_list("pk", flat=True)) + list(held.values_list("pk", flat=True))
    for request_id in ids:
        erasure_carry_out(request_id=request_id, now=now)
    return len(ids)
