"""DEMO ONLY: authenticator secrets for the demo staff accounts, so that moderators and
admins, who must confirm every sign-in with a code, can sign in after `make run`.

Each secret is derived from the account name and printed by `manage.py demo`; anyone who
reads this file knows it, exactly like the demo password. Never load demo data into a
database that faces the internet.
"""

import hashlib
from base64 import b32encode

from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User

NAME = "demo authenticator"


def demo_key(username: str) -> str:
    """The 20-byte TOTP key (hex, as django-otp stores it) of a demo staff account."""
    return hashlib.sha256(f"candid-demo-only-{username}".encode()).hexdigest()[:40]


def demo_secret(username: str) -> str:
    """The key in base32, as an authenticator app takes it."""
    return b32encode(bytes.fromhex(demo_key(username))).decode()


def demo_device_create(user: User) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name=NAME, key=demo_key(user.username))


def demo_code(username: str) -> str | None:
    """The current code of a demo staff account's demo authenticator; None for any
    account that is not one (a real device's secret is never read here)."""
    device = TOTPDevice.objects.filter(
        user__username=username, name=NAME, key=demo_key(username), confirmed=True
    ).first()
    if device is None:
        return None
    return f"{totp(device.bin_key, step=device.step, digits=device.digits):0{device.digits}d}"
