"""Settings, Account (issue 17): changing the password signs every other session out and
mails the member; a wrong current password is refused with a message; a new e-mail address
takes effect only when the link mailed to it is followed by the same account, and the old
address is told. Both are rate-limited per account."""

import re

import pytest
from django.conf import settings as django_settings
from django.test import Client

from accounts.models import SessionRecord, User
from core.models import Event, OutgoingMail
from tests.ratelimit_support import assert_refused, limit_of, limits_on  # noqa: F401

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery"
NEW_PASSWORD = "a rather longer passphrase 42"


def signed_in(user, agent: str) -> Client:
    client = Client(HTTP_USER_AGENT=agent)
    response = client.post("/accounts/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def change_password(client, old: str = PASSWORD, new: str = NEW_PASSWORD):
    data = {"old_password": old, "new_password1": new, "new_password2": new}
    return client.post("/settings/account/password/", data)


def test_a_password_change_signs_out_every_other_session_and_mails_the_member(alice):
    laptop = signed_in(alice, "Laptop")
    phone = signed_in(alice, "Phone")
    tablet = signed_in(alice, "Tablet")
    response = change_password(laptop)
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password(NEW_PASSWORD)
    assert phone.get("/settings/").status_code == 302  # signed out
    assert tablet.get("/settings/").status_code == 302
    page = laptop.get("/settings/account/", follow=True)
    assert page.status_code == 200  # this browser stays signed in
    assert "2 other sessions were signed out" in page.content.decode()
    assert list(SessionRecord.objects.values_list("user_agent", flat=True)) == ["Laptop"]
    assert SessionRecord.objects.get().session_key == laptop.session.session_key
    event = Event.objects.get(kind="account.password_changed", subject_id=alice.pk)
    assert event.data == {"sessions": 2}
    mail = OutgoingMail.objects.get(recipient=alice.email, purpose__contains="password_changed")
    assert "password of your Candid account was changed" in mail.body
    assert "2 other signed-in sessions were signed out" in mail.body
    assert "/accounts/password-reset/" in mail.body


def test_the_new_password_is_hashed_with_argon2(alice, settings):
    """Argon2 first, as configured; the fixture's fast hasher still reads alice's password."""
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.Argon2PasswordHasher",
        "django.contrib.auth.hashers.MD5PasswordHasher",
    ]
    laptop = signed_in(alice, "Laptop")
    assert change_password(laptop).status_code == 302
    alice.refresh_from_db()
    assert alice.password.startswith("argon2$")


def test_a_wrong_current_password_is_refused_with_a_message_and_changes_nothing(alice):
    laptop = signed_in(alice, "Laptop")
    phone = signed_in(alice, "Phone")
    response = change_password(laptop, old="not my password")
    assert response.status_code == 400
    assert "Your old password was entered incorrectly" in response.content.decode()
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)
    assert phone.get("/settings/").status_code == 200
    assert not Event.objects.filter(kind="account.password_changed").exists()
    assert not OutgoingMail.objects.filter(purpose__contains="password_changed").exists()


def test_a_weak_new_password_is_refused_with_the_reason(alice):
    laptop = signed_in(alice, "Laptop")
    response = change_password(laptop, new="password")
    assert response.status_code == 400
    assert "This password is too common." in response.content.decode()
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)


def ask_for(client, address: str, password: str = PASSWORD):
    return client.post("/settings/account/email/", {"new_email": address, "password": password})


def link_in(address: str) -> str:
    mail = OutgoingMail.objects.get(recipient=address, purpose__contains="email_change")
    return re.search(r"https?://[^/\s]+(/settings/account/email/\S+/)", mail.body).group(1)


def test_the_address_changes_only_when_the_link_is_followed_and_the_old_one_is_told(client, alice):
    client.force_login(alice)
    response = ask_for(client, "alice@new.example")
    assert response.status_code == 302
    alice.refresh_from_db()
    assert (alice.email, alice.email_pending) == ("alice@example.org", "alice@new.example")
    assert "Waiting for confirmation" in client.get("/settings/account/").content.decode()
    assert not OutgoingMail.objects.filter(recipient="alice@example.org").exists()

    page = client.get(link_in("alice@new.example"), follow=True)
    assert "Your e-mail address is now alice@new.example." in page.content.decode()
    alice.refresh_from_db()
    assert (alice.email, alice.email_pending) == ("alice@new.example", "")
    assert alice.email_verified_at is not None
    told = OutgoingMail.objects.get(recipient="alice@example.org")
    assert "was changed to alice@new.example" in told.body
    kinds = set(Event.objects.filter(subject_id=alice.pk).values_list("kind", flat=True))
    assert {"account.email_change_requested", "account.email_changed"} <= kinds


def test_a_link_opened_in_another_account_is_refused(client, alice, bob):
    client.force_login(alice)
    ask_for(client, "alice@new.example")
    link = link_in("alice@new.example")
    client.force_login(bob)
    response = client.get(link)
    assert response.status_code == 400
    assert "This link was sent for another account." in response.content.decode()
    alice.refresh_from_db()
    bob.refresh_from_db()
    assert (alice.email, bob.email) == ("alice@example.org", "bob@example.org")


def test_an_earlier_link_stops_working_when_a_newer_address_is_asked_for(client, alice):
    client.force_login(alice)
    ask_for(client, "first@new.example")
    first = link_in("first@new.example")
    ask_for(client, "second@new.example")
    response = client.get(first)
    assert response.status_code == 400
    assert "replaced by a newer one" in response.content.decode()
    client.get(link_in("second@new.example"))
    assert User.objects.get(pk=alice.pk).email == "second@new.example"


def test_an_altered_link_is_refused(client, alice):
    client.force_login(alice)
    ask_for(client, "alice@new.example")
    response = client.get(link_in("alice@new.example").replace(":", "x", 1))
    assert response.status_code == 400
    assert "not valid" in response.content.decode()
    assert User.objects.get(pk=alice.pk).email == "alice@example.org"


def test_an_address_change_needs_the_password_and_a_valid_address(client, alice):
    client.force_login(alice)
    wrong = ask_for(client, "alice@new.example", password="nope")
    assert wrong.status_code == 400
    assert "Your password is not correct" in wrong.content.decode()
    same = ask_for(client, "ALICE@example.org")
    assert "That is already your e-mail address." in same.content.decode()
    bad = ask_for(client, "not an address")
    assert bad.status_code == 400
    alice.refresh_from_db()
    assert alice.email_pending == ""
    assert not OutgoingMail.objects.exists()


def test_password_changes_are_rate_limited_per_account(alice, limits_on):
    laptop = signed_in(alice, "Laptop")
    allowed, _period = limit_of(django_settings.CANDID_PASSWORD_CHANGE_RATE)
    for _ in range(allowed):
        assert change_password(laptop, old="wrong").status_code == 400
    refused = change_password(laptop)
    assert_refused(
        refused,
        f"account:{alice.pk}",
        django_settings.CANDID_PASSWORD_CHANGE_RATE,
        "Too many password",
    )
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)


def test_email_changes_are_rate_limited_per_account(client, alice, limits_on):
    client.force_login(alice)
    allowed, _period = limit_of(django_settings.CANDID_EMAIL_CHANGE_RATE)
    for i in range(allowed):
        assert ask_for(client, f"a{i}@new.example").status_code == 302
    refused = ask_for(client, "last@new.example")
    assert_refused(
        refused,
        f"account:{alice.pk}",
        django_settings.CANDID_EMAIL_CHANGE_RATE,
        "Too many new e-mail",
    )
    assert not OutgoingMail.objects.filter(recipient="last@new.example").exists()


def test_a_waiting_address_can_be_cancelled_and_its_link_then_fails(client, alice):
    client.force_login(alice)
    ask_for(client, "alice@new.example")
    link = link_in("alice@new.example")
    done = client.post("/settings/account/email/cancel/", follow=True)
    assert "The new address is forgotten" in done.content.decode()
    alice.refresh_from_db()
    assert alice.email_pending == ""
    assert client.get(link).status_code == 400
    assert User.objects.get(pk=alice.pk).email == "alice@example.org"
    assert Event.objects.filter(kind="account.email_change_cancelled").count() == 1
