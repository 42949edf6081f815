"""The documented limits on sign-up, log-in and password reset, each at its default: N
requests pass, the next is refused with 429, Retry-After (seconds until the limit's
window resets) and a message saying so, and the refused request changes nothing."""

import re

from django.conf import settings
from django.core import mail
from django.test import Client

from accounts.models import User
from accounts.terms import TERMS_VERSION
from tests.ratelimit_support import assert_refused, limit_of, limits_on  # noqa: F401

ADDRESS = "203.0.113.7"
BY_ADDRESS = "too many attempts from your address"
PASSWORD = "correct horse battery"
TERMS = {"accept_terms": "on", "terms_version": TERMS_VERSION}


def test_log_in_allows_the_rate_per_address_then_refuses_even_the_right_password(
    client, alice, limits_on
):
    allowed, _period = limit_of(settings.LOGIN_RATE)
    for i in range(allowed - 1):
        wrong = {"username": f"nobody{i}", "password": "wrong"}
        assert client.post("/accounts/login/", wrong, REMOTE_ADDR=ADDRESS).status_code == 200
    right = {"username": "alice", "password": PASSWORD}
    assert client.post("/accounts/login/", right, REMOTE_ADDR=ADDRESS).status_code == 302
    client.logout()
    refused = client.post("/accounts/login/", right, REMOTE_ADDR=ADDRESS)
    assert_refused(refused, ADDRESS, settings.LOGIN_RATE, BY_ADDRESS)
    assert "_auth_user_id" not in client.session


def test_log_in_allows_the_rate_per_account_name_from_any_address(client, alice, limits_on):
    rate = settings.CANDID_LOGIN_ACCOUNT_RATE
    allowed, _period = limit_of(rate)
    for i in range(allowed):
        wrong = {"username": "alice", "password": "wrong"}
        address = f"10.0.{i // 250}.{i % 250}"
        assert client.post("/accounts/login/", wrong, REMOTE_ADDR=address).status_code == 200
    right = {"username": " Alice", "password": PASSWORD}
    refused = client.post("/accounts/login/", right, REMOTE_ADDR="198.51.100.9")
    assert_refused(refused, "alice", rate, "Too many log-in attempts for this account")
    assert "_auth_user_id" not in client.session
    alice.refresh_from_db()
    assert alice.last_login is None


def test_sign_up_allows_the_rate_per_address(db, limits_on):
    allowed, _period = limit_of(settings.SIGNUP_RATE)
    for i in range(allowed):
        new = {"username": f"new{i}", "email": f"new{i}@example.org", "password": PASSWORD, **TERMS}
        assert Client().post("/accounts/signup/", new, REMOTE_ADDR=ADDRESS).status_code == 302
    one_more = {
        "username": "onemore",
        "email": "onemore@example.org",
        "password": PASSWORD,
        **TERMS,
    }
    refused = Client().post("/accounts/signup/", one_more, REMOTE_ADDR=ADDRESS)
    assert_refused(refused, ADDRESS, settings.SIGNUP_RATE, BY_ADDRESS)
    assert User.objects.count() == allowed and not User.objects.filter(username="onemore")


def test_password_reset_allows_the_rate_per_address(
    client, alice, limits_on, django_capture_on_commit_callbacks
):
    rate = settings.CANDID_PASSWORD_RESET_RATE
    allowed, _period = limit_of(rate)
    for i in range(allowed - 1):
        unknown = {"email": f"unknown{i}@example.org"}
        assert (
            client.post("/accounts/password-reset/", unknown, REMOTE_ADDR=ADDRESS).status_code
            == 302
        )
    mine = {"email": alice.email}
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post("/accounts/password-reset/", mine, REMOTE_ADDR=ADDRESS)
    assert answer.status_code == 302
    assert len(mail.outbox) == 1
    refused = client.post("/accounts/password-reset/", mine, REMOTE_ADDR=ADDRESS)
    assert_refused(refused, ADDRESS, rate, BY_ADDRESS)
    assert len(mail.outbox) == 1


def test_password_reset_allows_the_rate_per_email_address_from_any_address(
    client, alice, limits_on, django_capture_on_commit_callbacks
):
    rate = settings.CANDID_PASSWORD_RESET_EMAIL_RATE
    allowed, _period = limit_of(rate)
    mine = {"email": alice.email}
    for i in range(allowed):
        with django_capture_on_commit_callbacks(execute=True):
            answer = client.post("/accounts/password-reset/", mine, REMOTE_ADDR=f"10.0.0.{i}")
        assert answer.status_code == 302
    assert len(mail.outbox) == allowed
    refused = client.post("/accounts/password-reset/", mine, REMOTE_ADDR="198.51.100.9")
    assert_refused(refused, alice.email, rate, "Too many password-reset requests")
    assert len(mail.outbox) == allowed


def test_the_readme_documents_every_rate_limit_with_its_default():
    """The limits these tests prove are the documented ones: README's table of
    variables names each rate setting with the default settings.py has."""
    readme = (settings.BASE_DIR / "README.md").read_text()
    documented = {}
    for row in readme.splitlines():
        cells = row.split("|")
        names = re.findall(r"`(CANDID_\w+_RATE)`", cells[1]) if len(cells) > 3 else []
        defaults = re.findall(r"`(\d+/[smhd])`", cells[-2]) if names else []
        assert len(names) == len(defaults), row
        documented.update(zip(names, defaults, strict=True))
    in_settings = {
        name: getattr(settings, name.removeprefix("CANDID_"), None) or getattr(settings, name)
        for name in documented
    }
    assert documented == in_settings
    rates = {n for n in dir(settings) if n.endswith("_RATE") and not n.startswith("RATELIMIT")}
    assert rates <= {n.removeprefix("CANDID_") for n in documented} | set(documented)
