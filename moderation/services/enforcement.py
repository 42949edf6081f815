"""Applying a decision to its item, and undoing it exactly on reversal."""

from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import ServiceError
from moderation.models import Decision
from moderation.models.targets import TargetType
from moderation.services.targets import Target

Action = Decision.Action
CONTENT_ACTIONS = {
    Action.LABEL_SENSITIVE: ({TargetType.PHOTO, TargetType.REMOTE_POST}, "sensitive"),
    Action.RESTRICT: ({TargetType.PHOTO, TargetType.REMOTE_ACCOUNT}, "demoted"),
    Action.WITHHOLD: ({TargetType.PHOTO}, "withheld_in"),
    Action.REMOVE: (
        {
            TargetType.PHOTO,
            TargetType.COMMENT,
            TargetType.ALBUM,
            TargetType.REMOTE_POST,
            TargetType.REMOTE_REPLY,
        },
        "removed_at",
    ),
}
# Where a kind of item keeps a measure in a field of another name: restricting a remote
# account mutes it here (federation/standing.py).
FIELD_OF = {(Action.RESTRICT, TargetType.REMOTE_ACCOUNT): "muted_at"}
ACCOUNT_ACTIONS = {Action.SUSPEND: "suspended_until", Action.TERMINATE: "terminated_at"}
DATETIME_FIELDS = ("removed_at", "suspended_until", "terminated_at", "muted_at")


def check_applicable(action: str, target: Target) -> None:
    if action in CONTENT_ACTIONS and target.type not in CONTENT_ACTIONS[action][0]:
        kinds = ", ".join(sorted(str(TargetType(k).label) for k in CONTENT_ACTIONS[action][0]))
        raise ServiceError(
            _("“%(action)s” applies to: %(kinds)s.")
            % {"action": Action(action).label, "kinds": kinds}
        )


def apply(decision: Decision, target: Target) -> None:
    """Set the item's flag and remember its previous value for an exact reversal."""
    obj, field, value = _field_and_value(decision, target)
    if obj is None:
        return
    decision.target_state_before = {field: _dump(getattr(obj, field))}
    setattr(obj, field, value)
    obj.save(update_fields=[field])


def revert(decision: Decision, target: Target) -> None:
    obj, field, _ = _field_and_value(decision, target)
    if obj is None:
        return
    setattr(obj, field, _load(field, decision.target_state_before.get(field)))
    obj.save(update_fields=[field])


def _field_and_value(decision: Decision, target: Target):
    if decision.action in ACCOUNT_ACTIONS:
        field = ACCOUNT_ACTIONS[decision.action]
        value = decision.ends_at if decision.action == Action.SUSPEND else timezone.now()
        return target.owner, field, value
    if decision.action in CONTENT_ACTIONS:
        field = CONTENT_ACTIONS[decision.action][1]
        field = FIELD_OF.get((decision.action, target.type), field)
        values = {
            "sensitive": True,
            "demoted": True,
            "removed_at": timezone.now(),
            "muted_at": timezone.now(),
            "withheld_in": _countries_field(decision.territorial_scope),
        }
        return target.obj, field, values[field]
    return None, None, None


def _countries_field(codes: list[str]) -> str:
    return "," + ",".join(sorted({c.upper() for c in codes})) + ","


def _dump(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


def _load(field: str, value):
    if field in DATETIME_FIELDS and value:
        from datetime import datetime

        return datetime.fromisoformat(value)
    if field == "withheld_in":
        return value or ""
    return value if value is not None else (False if field in ("sensitive", "demoted") else None)
