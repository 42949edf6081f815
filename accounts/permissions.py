"""Who may act. A suspended or terminated account may still sign in to read its statements
of reasons, appeal and export its data (DSA Art. 17, 20; GDPR Art. 15, 20), nothing else."""

from django.utils import formats
from django.utils.translation import gettext as _

from accounts.second_factor import second_factor_refusal
from core.errors import PermissionDenied


def ensure_can_act(user) -> None:
    if user.terminated_at is not None:
        raise PermissionDenied(
            _(
                "Your account has been terminated. You can still read the statement of reasons, "
                "appeal the decision and export your data."
            )
        )
    if user.is_restricted:
        until = formats.date_format(user.suspended_until, "DATETIME_FORMAT")
        raise PermissionDenied(
            _(
                "Your account is suspended until %(until)s. You can still read the "
                "statement of reasons, appeal the decision and export your data."
            )
            % {"until": until}
        )


def ensure_moderator(user) -> None:
    """A moderator or admin whose session or token passed the second factor (see
    User.is_moderator and accounts/second_factor.py)."""
    if not (user.is_authenticated and user.is_moderator):
        if lacks_second_factor(user):
            raise PermissionDenied(second_factor_refusal(user))
        raise PermissionDenied(_("Only moderators can do this."))
    ensure_can_act(user)


def lacks_second_factor(user) -> bool:
    """A moderator or admin held back only by a session or token that did not pass the
    second factor."""
    verified = getattr(user, "is_verified", None)
    return (
        user.is_authenticated
        and getattr(user, "has_staff_role", False)
        and verified is not None
        and not verified()
    )


def ensure_email_verified(user) -> None:
    """Publishing (photos, comments, albums) waits until a member who signed themselves up
    has confirmed their e-mail address (accounts/verification.py)."""
    if getattr(user, "email_unverified", False):
        raise PermissionDenied(
            _(
                "Please confirm your e-mail address first: follow the link we sent you, or ask "
                "for a new one at /accounts/verify/sent/."
            )
        )
