"""Your sessions: every signed-in browser is listed with its browser, address (as the
client-IP setting decides) and last use, and can be signed out."""

from datetime import timedelta

from django.test import Client
from django.utils import timezone

from accounts.models import SessionRecord
from core.models import Event

PASSWORD = "correct horse battery"


def signed_in(user, agent: str, address: str = "127.0.0.1", **extra) -> Client:
    client = Client(HTTP_USER_AGENT=agent, REMOTE_ADDR=address, **extra)
    response = client.post("/accounts/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def test_each_sign_in_is_listed_with_browser_address_and_this_session_marked(alice):
    laptop = signed_in(alice, "Firefox on the laptop", "192.0.2.10")
    signed_in(alice, "Chromium on the phone", "198.51.100.7")
    page = laptop.get("/settings/sessions/")
    html = page.content.decode()
    assert "Firefox on the laptop" in html and "192.0.2.10" in html
    assert "Chromium on the phone" in html and "198.51.100.7" in html
    assert html.count("This session") == 1
    assert SessionRecord.objects.filter(user=alice).count() == 2


def test_the_address_is_the_one_the_client_ip_setting_names(alice, settings):
    settings.CANDID_TRUSTED_PROXIES = ["10.0.0.1"]
    settings.CANDID_CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    signed_in(alice, "Behind the proxy", "10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9, 10.0.0.2")
    assert SessionRecord.objects.get(user=alice).ip == "10.0.0.2"
    settings.CANDID_CLIENT_IP_HEADER = ""
    signed_in(alice, "Direct", "192.0.2.44", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert SessionRecord.objects.get(user=alice, user_agent="Direct").ip == "192.0.2.44"


def test_revoking_a_session_signs_that_browser_out(alice):
    laptop = signed_in(alice, "Laptop")
    phone = signed_in(alice, "Phone")
    assert phone.get("/settings/tokens/").status_code == 200
    record = SessionRecord.objects.get(user_agent="Phone")
    response = laptop.post(f"/settings/sessions/{record.pk}/revoke/")
    assert response.status_code == 302
    assert phone.get("/settings/tokens/").status_code == 302  # signed out
    assert laptop.get("/settings/tokens/").status_code == 200
    assert list(SessionRecord.objects.values_list("user_agent", flat=True)) == ["Laptop"]
    assert Event.objects.filter(kind="account.session_revoked", actor=alice).count() == 1


def test_sign_out_all_others_keeps_only_this_one(alice):
    laptop = signed_in(alice, "Laptop")
    others = [signed_in(alice, f"Other {i}") for i in range(3)]
    laptop.post("/settings/sessions/revoke-others/")
    assert all(c.get("/settings/tokens/").status_code == 302 for c in others)
    assert laptop.get("/settings/tokens/").status_code == 200
    assert Event.objects.get(kind="account.sessions_revoked").data == {"count": 3}


def test_nobody_revokes_someone_elses_session(alice, bob):
    signed_in(alice, "Alice's laptop")
    mallory = signed_in(bob, "Bob's laptop")
    record = SessionRecord.objects.get(user=alice)
    assert mallory.post(f"/settings/sessions/{record.pk}/revoke/").status_code == 404
    assert SessionRecord.objects.filter(pk=record.pk).exists()


def test_logging_out_removes_the_line(alice):
    laptop = signed_in(alice, "Laptop")
    laptop.post("/accounts/logout/")
    assert not SessionRecord.objects.exists()


def test_last_seen_moves_at_most_once_a_minute(alice, time_machine):
    start = timezone.now()
    time_machine.move_to(start, tick=False)
    laptop = signed_in(alice, "Laptop")
    time_machine.move_to(start + timedelta(seconds=30), tick=False)
    laptop.get("/settings/tokens/")
    assert SessionRecord.objects.get().last_seen_at == start
    time_machine.move_to(start + timedelta(seconds=90), tick=False)
    laptop.get("/settings/tokens/")
    assert SessionRecord.objects.get().last_seen_at == start + timedelta(seconds=90)
