"""Changing the moderation policy: the deadline target, escalation lead time, strike
thresholds and expiry, and the DSA Art. 23 misuse thresholds. Each change is logged."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from core.errors import ServiceError
from core.events import event_record
from moderation.models import ModerationPolicy

EDITABLE = [f.name for f in ModerationPolicy._meta.fields if f.name != "id"]


def policy_update(*, changes: dict[str, int], actor: User | None = None) -> ModerationPolicy:
    unknown = sorted(set(changes) - set(EDITABLE))
    if unknown:
        raise ServiceError(
            _("Unknown policy fields %(unknown)s; use one of: %(known)s")
            % {"unknown": unknown, "known": ", ".join(EDITABLE)}
        )
    with transaction.atomic():
        policy = ModerationPolicy.current()
        for name, value in changes.items():
            setattr(policy, name, value)
        try:
            policy.full_clean()
        except ValidationError as exc:
            raise ServiceError("; ".join(exc.messages)) from exc
        policy.save()
        event_record(kind="moderation.policy_changed", actor=actor, data=changes)
    return policy
