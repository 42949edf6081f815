"""Who may act. A suspended or terminated account may still sign in to read its statements
of reasons, appeal and export its data (DSA Art. 17, 20; GDPR Art. 15, 20), nothing else."""

from django.utils import formats

from core.errors import PermissionDenied


def ensure_can_act(user) -> None:
    if user.terminated_at is not None:
        raise PermissionDenied(
            "Your account has been terminated. You can still read the statement of reasons, "
            "appeal the decision and export your data."
        )
    if user.is_restricted:
        until = formats.date_format(user.suspended_until, "DATETIME_FORMAT")
        raise PermissionDenied(
            f"Your account is suspended until {until} UTC. You can still read the statement "
            "of reasons, appeal the decision and export your data."
        )


def ensure_moderator(user) -> None:
    if not (user.is_authenticated and user.is_moderator):
        raise PermissionDenied("Only moderators can do this.")
    ensure_can_act(user)
