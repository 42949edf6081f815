"""The second-factor services: a TOTP code is accepted once, a recovery code once even
when two requests race for it, set-up changes nothing on a wrong code, and staff powers
follow the session's (or token's) second factor down to the services."""

import threading

import pytest
from django.db import connection
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.second_factor import (
    recovery_codes_renew,
    second_factor_check,
    totp_device_confirm,
    totp_device_start,
)
from core.errors import PermissionDenied, ServiceError
from moderation.services.decisions import DecisionInput, decision_issue
from tests.moderation_fixtures import current_code, staff_device


def test_a_totp_code_is_accepted_once(mod):
    device = staff_device(mod)
    code = current_code(device)
    assert second_factor_check(user=mod, code=code) == device
    assert second_factor_check(user=mod, code=code) is None  # replayed


def test_a_wrong_first_code_confirms_nothing_and_a_right_one_gives_ten_codes(mod):
    device = totp_device_start(user=mod)
    assert totp_device_start(user=mod) == device  # reloading shows the same secret
    with pytest.raises(ServiceError, match="not right"):
        totp_device_confirm(user=mod, code=current_code(device, offset=4))
    assert not TOTPDevice.objects.get(pk=device.pk).confirmed
    device.refresh_from_db()
    device.throttle_reset()
    confirmed, codes = totp_device_confirm(user=mod, code=current_code(device))
    assert confirmed.confirmed and len(set(codes)) == 10
    with pytest.raises(ServiceError, match="already"):
        totp_device_start(user=mod)


def test_new_recovery_codes_void_the_old_ones(mod):
    old = recovery_codes_renew(user=mod)
    new = recovery_codes_renew(user=mod)
    assert second_factor_check(user=mod, code=new[0]) is not None
    assert second_factor_check(user=mod, code=old[0]) is None


@pytest.mark.django_db(transaction=True)
def test_one_recovery_code_used_by_two_requests_at_once_signs_in_only_one(make_user):
    if connection.vendor != "postgresql":
        pytest.skip("row locks are exercised on PostgreSQL; SQLite serialises writers")
    user = make_user("mod1", role="moderator")
    code = recovery_codes_renew(user=user)[0]
    barrier, outcomes = threading.Barrier(2), []

    def use():
        barrier.wait()
        try:
            outcomes.append(second_factor_check(user=user, code=code) is not None)
        finally:
            connection.close()

    threads = [threading.Thread(target=use) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == [False, True]


def test_a_staff_session_without_the_second_factor_is_refused_by_the_services(mod, photo, report):
    case = report(photo).case
    mod.is_verified = lambda: False  # what django-otp's middleware says of such a session
    with pytest.raises(PermissionDenied, match="second factor"):
        decision_issue(
            case=case,
            moderator=mod,
            expected_version=case.version,
            data=DecisionInput(action="no_action", facts="Looked at it; nothing wrong."),
        )
    mod.is_verified = lambda: True
    decision = decision_issue(
        case=case,
        moderator=mod,
        expected_version=case.version,
        data=DecisionInput(action="no_action", facts="Looked at it; nothing wrong."),
    )
    assert decision.moderator == mod
