"""The second factor (django-otp): one TOTP device per member, and one static device
holding single-use recovery codes.

Moderators and admins must have a confirmed TOTP device and confirm every sign-in with a
code from it or a recovery code before any staff power works (User.is_moderator); a
member who sets one up is asked for the code too. Codes are checked through
django_otp.verify_token, which locks the device row, so a recovery code is used once
even by two requests at the same moment, and TOTP refuses a code already used; both
devices slow down guessing (django-otp's throttling: 1, 2, 4, … seconds after each
failure). No event ever holds a code or a secret.
"""

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp import verify_token
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import ApiToken, User
from core.errors import ServiceError
from core.events import event_record

RECOVERY_CODES = 10
TOTP_DIGITS = 6  # recovery codes are eight letters and digits, so never six digits
TOTP_NAME = "authenticator"
WRONG_CODE = gettext_lazy(
    "That code is not right, or several wrong codes were tried just before: wait a few "
    "seconds, check the time on your phone and try again."
)
RECOVERY_NAME = "recovery codes"


def totp_device_of(user: User) -> TOTPDevice | None:
    """The member's confirmed authenticator, if any."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def needs_second_factor(user: User) -> bool:
    """Staff always; any member who set up an authenticator."""
    return user.has_staff_role or totp_device_of(user) is not None


def totp_device_start(*, user: User) -> TOTPDevice:
    """The unconfirmed device whose secret the set-up page shows. Reloading the page shows
    the same secret, so the app the member already scanned it into stays right."""
    if totp_device_of(user) is not None:
        raise ServiceError(_("You already have an authenticator app set up."))
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)


def totp_device_confirm(*, user: User, code: str) -> tuple[TOTPDevice, list[str]]:
    """Confirms the device started by `totp_device_start` with a first code from the app
    and gives the member their recovery codes (shown once, stored as django-otp stores
    them). A wrong code changes nothing."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        raise ServiceError(_("Start the set-up again: no authenticator is waiting for a code."))
    if verify_token(user, device.persistent_id, _digits(code)) is None:
        raise ServiceError(str(WRONG_CODE))
    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = _new_recovery_codes(user)
        event_record(kind="staff.second_factor_set_up", actor=user, subject=user)
    return device, codes


def recovery_codes_renew(*, user: User) -> list[str]:
    """New recovery codes; the earlier ones stop working."""
    with transaction.atomic():
        codes = _new_recovery_codes(user)
        event_record(kind="staff.recovery_codes_renewed", actor=user, subject=user)
    return codes


def recovery_codes_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def second_factor_check(*, user: User, code: str) -> Device | None:
    """The device that accepts `code`: the authenticator for six digits, else a recovery
    code, which is used up. None when neither accepts it."""
    code = _digits(code)
    if len(code) == TOTP_DIGITS and code.isdigit():
        device = totp_device_of(user)
        return verify_token(user, device.persistent_id, code) if device else None
    static = StaticDevice.objects.filter(user=user, confirmed=True).first()
    if static is None:
        return None
    return verify_token(user, static.persistent_id, code.lower())


def method_of(device: Device) -> str:
    return "recovery_code" if isinstance(device, StaticDevice) else "totp"


def _new_recovery_codes(user: User) -> list[str]:
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def _digits(code: str) -> str:
    return code.replace(" ", "").strip()


# API tokens. A personal access token carries whether it was created in a session
# confirmed with the second factor; api.auth gives its user that answer as is_verified().


def token_marks_user(token: ApiToken) -> User:
    """The token's user, whose staff powers (User.is_moderator) follow the token."""
    user = token.user
    user.otp_device = None
    user.is_verified = lambda: token.second_factor
    user.second_factor_refusal = _(
        "Staff endpoints need a personal access token created while you were signed in with "
        "your second factor. Sign in with your code and create a new token on the Access "
        "tokens page."
    )
    return user


def second_factor_refusal(user) -> str:
    return getattr(
        user,
        "second_factor_refusal",
        _(
            "Staff pages need a sign-in confirmed with your second factor. Confirm this "
            "session with a code from your authenticator app or a recovery code."
        ),
    )
