"""Moderation fixtures shared by every test folder (registered in tests/conftest.py):
moderators, a photo of alice's, bob's report of it, and a moderator's decision, all made
through the real services."""

import pytest
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.second_factor import totp_device_of
from moderation.services.decisions import DecisionInput, decision_issue
from moderation.services.notices import notice_submit
from moderation.services.targets import Target

REMOVAL = {
    "action": "remove",
    "ground": "rules",
    "rule_code": "harassment",
    "rule_explanation": "The caption names and mocks a private person.",
    "facts": "Reported by a user; the caption names a private person.",
}

# A decision to take no action: no ground, no rule.
NO_ACTION = {"action": "no_action", "ground": "", "rule_code": "", "rule_explanation": ""}


def staff_device(user) -> TOTPDevice:
    """The user's confirmed authenticator, created if missing (its key: device.bin_key)."""
    return totp_device_of(user) or TOTPDevice.objects.create(
        user=user, name="authenticator", confirmed=True
    )


def current_code(device: TOTPDevice, *, offset: int = 0) -> str:
    """The code an authenticator app shows now (offset: that many 30-second steps on)."""
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, drift=offset):06d}"


def staff_login(client, user) -> TOTPDevice:
    """Signs a moderator or admin in on a test client with a session confirmed by the
    second factor, as the code step does: Django's login, then django-otp's device mark."""
    device = staff_device(user)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device


@pytest.fixture
def mod(make_user):
    return make_user("mod1", role="moderator", display_name="Mia Moderator")


@pytest.fixture
def mod2(make_user):
    return make_user("mod2", role="moderator")


@pytest.fixture
def mod3(make_user):
    return make_user("mod3", role="admin")


@pytest.fixture
def photo(alice, upload):
    return upload(alice, title="Harbour at night", description="Boats at the pier")


@pytest.fixture
def report(bob):
    """report(item_or_Target, kind="photo", **fields): a notice by bob (rules by default)."""

    def do(target, kind: str = "photo", **fields):
        if not isinstance(target, Target):
            target = Target(kind, target)
        defaults = dict(
            ground="rules",
            rule_code="harassment",
            explanation="This photo targets a person repeatedly.",
            notifier=bob,
        )
        return notice_submit(target=target, **{**defaults, **fields})

    return do


@pytest.fixture
def decide(mod):
    """decide(case, moderator=None, **fields): a decision, removal by default."""

    def do(case, moderator=None, **fields):
        case.refresh_from_db()
        return decision_issue(
            case=case,
            moderator=moderator or mod,
            data=DecisionInput(**{**REMOVAL, **fields}),
            expected_version=case.version,
        )

    return do
