"""Moderators and admins sign in with a password and a second factor (TOTP, or a
single-use recovery code); without a confirmed authenticator they set one up first; a
session that did not pass the second factor opens no staff page; every staff sign-in is
in the event log without any secret."""

import json
from datetime import timedelta

from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.models import Event
from tests.moderation_fixtures import current_code, staff_device, staff_login

PASSWORD = "correct horse battery"  # the make_user fixture's password


def password_step(client, user, password: str = PASSWORD):
    return client.post("/accounts/login/", {"username": user.username, "password": password})


def signins(user) -> list[dict]:
    events = Event.objects.filter(kind="staff.signin", subject_id=user.pk).order_by("id")
    return [event.data for event in events]


def test_a_moderator_with_an_authenticator_needs_the_code_after_the_password(client, mod):
    device = staff_device(mod)
    response = password_step(client, mod)
    assert response.status_code == 302 and response["Location"] == "/accounts/login/code/"
    assert client.get("/moderation/").status_code == 302  # not signed in yet
    assert "_auth_user_id" not in client.session
    response = client.post("/accounts/login/code/", {"code": current_code(device)})
    assert response.status_code == 302
    assert client.get("/moderation/").status_code == 200
    assert signins(mod) == [
        {"outcome": "password_accepted", "step": "password"},
        {"outcome": "succeeded", "step": "second_factor", "second_factor": "totp"},
    ]


def test_a_wrong_code_signs_nobody_in_and_is_logged(client, mod):
    device = staff_device(mod)
    password_step(client, mod)
    wrong = current_code(device, offset=5)
    response = client.post("/accounts/login/code/", {"code": wrong})
    assert response.status_code == 400 and "That code is not right" in response.content.decode()
    assert client.get("/moderation/").status_code == 302
    assert signins(mod)[-1] == {"outcome": "failed", "step": "second_factor"}


def test_right_after_a_wrong_code_even_the_right_one_waits(client, mod):
    """django-otp's throttling: 1, 2, 4 … seconds after each failure, so codes cannot be
    guessed at speed."""
    device = staff_device(mod)
    password_step(client, mod)
    client.post("/accounts/login/code/", {"code": current_code(device, offset=5)})
    response = client.post("/accounts/login/code/", {"code": current_code(device)})
    assert response.status_code == 400
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_timestamp=timezone.now() - timedelta(seconds=2)
    )
    assert client.post("/accounts/login/code/", {"code": current_code(device)}).status_code == 302


def test_a_recovery_code_signs_in_once(client, mod):
    staff_login(client, mod)
    codes = client.post("/settings/second-factor/recovery-codes/").context["codes"]
    assert len(codes) == 10
    client.logout()
    password_step(client, mod)
    response = client.post("/accounts/login/code/", {"code": codes[0].upper()})
    assert response.status_code == 302 and client.get("/moderation/").status_code == 200
    assert signins(mod)[-1]["second_factor"] == "recovery_code"
    client.logout()
    password_step(client, mod)
    assert client.post("/accounts/login/code/", {"code": codes[0]}).status_code == 400
    assert StaticToken.objects.filter(device__user=mod).count() == 9


def test_a_moderator_without_an_authenticator_sets_one_up_before_any_staff_page(client, mod):
    response = password_step(client, mod)
    assert response["Location"] == "/accounts/login/authenticator/"
    page = client.get("/accounts/login/authenticator/")
    assert page.status_code == 200 and page["Cache-Control"] == "no-store"
    assert "otpauth://totp/Candid%3Amod1?secret=" in page.content.decode()
    assert '<figure class="qr" role="img"' in page.content.decode()
    assert "<svg" in page.content.decode()  # the QR code, inline
    device = TOTPDevice.objects.get(user=mod, confirmed=False)
    assert client.get("/moderation/").status_code == 302
    bad = client.post("/accounts/login/authenticator/", {"code": "000000x"})
    assert bad.status_code == 400 and not TOTPDevice.objects.filter(confirmed=True).exists()
    device.refresh_from_db()
    device.throttle_reset()
    done = client.post("/accounts/login/authenticator/", {"code": current_code(device)})
    assert done.status_code == 200 and len(done.context["codes"]) == 10
    assert done.context["then"] == "/"  # where the sign-in was going
    assert done["Cache-Control"] == "no-store"
    assert TOTPDevice.objects.get(pk=device.pk).confirmed
    assert client.get("/moderation/").status_code == 200
    kinds = list(Event.objects.filter(subject_id=mod.pk).values_list("kind", flat=True))
    assert "staff.second_factor_set_up" in kinds and signins(mod)[-1]["outcome"] == "succeeded"


def test_a_signed_in_staff_session_without_the_second_factor_opens_no_staff_page(
    client, mod, mod2, photo, report
):
    case = report(photo).case
    client.force_login(mod)  # e.g. signed in before becoming a moderator
    response = client.get("/moderation/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/authenticator/?next=")
    staff_device(mod2)
    client.force_login(mod2)
    for url in ("/moderation/", f"/moderation/cases/{case.pk}/", "/moderation/audit/"):
        response = client.get(url)
        assert response.status_code == 403, url
        assert "second factor" in response.content.decode()
        assert "/accounts/login/code/?next=" in response.content.decode()
    refused = client.post(f"/moderation/cases/{case.pk}/", {"action": "remove"})
    assert refused.status_code == 403


def test_a_signed_in_staff_session_confirms_with_the_code_and_goes_on(client, mod2):
    device = staff_device(mod2)
    client.force_login(mod2)
    response = client.post(
        "/accounts/login/code/?next=/moderation/audit/", {"code": current_code(device)}
    )
    assert response["Location"] == "/moderation/audit/"
    assert client.get("/moderation/audit/").status_code == 200


def test_the_password_step_is_forgotten_after_ten_minutes(client, mod, time_machine):
    staff_device(mod)
    time_machine.move_to(timezone.now(), tick=False)
    password_step(client, mod)
    assert client.get("/accounts/login/code/").status_code == 200
    time_machine.move_to(timezone.now() + timedelta(minutes=11), tick=False)
    assert client.get("/accounts/login/code/")["Location"] == "/accounts/login/"


def test_a_wrong_password_for_a_staff_account_is_logged_without_the_password(client, mod):
    password_step(client, mod, password="hunter2-guess")
    assert signins(mod) == [{"outcome": "failed", "step": "password"}]
    event = Event.objects.get(kind="staff.signin")
    assert event.private["ip"] == "127.0.0.1"
    assert "hunter2-guess" not in json.dumps([event.data, event.private])


def test_members_sign_in_with_the_password_alone_and_are_not_logged(client, alice):
    response = password_step(client, alice)
    assert response.status_code == 302 and response["Location"] == "/"
    assert "_auth_user_id" in client.session
    password_step(client, alice, password="wrong")
    assert not Event.objects.filter(kind="staff.signin").exists()


def test_no_code_or_secret_reaches_the_event_log(client, mod):
    device = staff_device(mod)
    password_step(client, mod)
    code = current_code(device)
    client.post("/accounts/login/code/", {"code": code})
    logged = json.dumps(list(Event.objects.values("data", "private")))
    assert code not in logged and device.key not in logged


def test_a_member_who_sets_up_an_authenticator_is_asked_for_the_code_too(client, alice):
    client.force_login(alice)
    assert "Set up an authenticator app" in client.get("/settings/second-factor/").content.decode()
    client.get("/accounts/login/authenticator/")
    device = TOTPDevice.objects.get(user=alice)
    client.post("/accounts/login/authenticator/", {"code": current_code(device)})
    assert "10 recovery codes left" in client.get("/settings/second-factor/").content.decode()
    client.logout()
    assert password_step(client, alice)["Location"] == "/accounts/login/code/"
    assert "_auth_user_id" not in client.session
    assert not Event.objects.filter(kind="staff.signin").exists()


def test_the_password_step_changes_the_session_key(client, mod):
    staff_device(mod)
    client.get("/accounts/login/")
    client.session.save()
    planted = client.session.session_key
    client.cookies["sessionid"] = planted
    password_step(client, mod)
    assert client.cookies["sessionid"].value != planted
