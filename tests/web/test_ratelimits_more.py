"""Rate limits that stop mail floods and password guessing: depicted-person requests per
address, password reset per address and per e-mail, log-in per username, and the client
address taken from a trusted proxy's header."""

import pytest
from django.core import mail
from django.test import RequestFactory

from consent.models.lookup import DepictedRequest
from web.ratelimits import client_ip

DEPICTED = {"name": "V", "email": "victim@example.org", "relation": "self", "statement": ""}


@pytest.fixture
def limits_on(settings):
    settings.RATELIMIT_ENABLE = True
    return settings


def test_depicted_requests_are_limited_per_address_and_the_refused_one_stores_and_mails_nothing(
    client, alice, upload, limits_on, django_capture_on_commit_callbacks
):
    limits_on.CANDID_DEPICTED_RATE = "2/h"
    photo = upload(alice)
    url = f"/photos/{photo.pk}/depicted/"
    with django_capture_on_commit_callbacks(execute=True):
        codes = [client.post(url, DEPICTED, REMOTE_ADDR="203.0.113.7") for _ in range(2)]
    sent = len(mail.outbox)
    assert [r.status_code for r in codes] == [200, 200] and sent == 4  # requester and owner
    with django_capture_on_commit_callbacks(execute=True):
        refused = client.post(url, DEPICTED, REMOTE_ADDR="203.0.113.7")
    assert refused.status_code == 429
    assert "nothing you sent this time was stored" in refused.content.decode()
    assert DepictedRequest.objects.count() == 2 and len(mail.outbox) == sent
    assert client.get(url, REMOTE_ADDR="203.0.113.7").status_code == 200  # the form still shows
    assert client.post(url, DEPICTED, REMOTE_ADDR="198.51.100.1").status_code == 200


def test_password_reset_is_limited_per_address(
    client, make_user, limits_on, django_capture_on_commit_callbacks
):
    limits_on.CANDID_PASSWORD_RESET_RATE = "2/h"
    users = [make_user() for _ in range(3)]
    with django_capture_on_commit_callbacks(execute=True):
        codes = [
            client.post("/accounts/password-reset/", {"email": u.email}).status_code for u in users
        ]
    assert codes == [302, 302, 429]
    assert [m.to for m in mail.outbox] == [[users[0].email], [users[1].email]]


def test_password_reset_is_limited_per_email_from_any_address(
    client, alice, limits_on, django_capture_on_commit_callbacks
):
    limits_on.CANDID_PASSWORD_RESET_EMAIL_RATE = "2/h"
    spellings = ["alice@example.org", "ALICE@example.org ", "Alice@Example.org"]
    with django_capture_on_commit_callbacks(execute=True):
        responses = [
            client.post("/accounts/password-reset/", {"email": e}, REMOTE_ADDR=f"10.0.0.{i}")
            for i, e in enumerate(spellings)
        ]
    assert [r.status_code for r in responses] == [302, 302, 429]
    assert "Too many password-reset requests" in responses[-1].content.decode()
    assert len(mail.outbox) == 2


def test_login_is_limited_per_username_from_any_address(client, alice, bob, limits_on):
    limits_on.CANDID_LOGIN_ACCOUNT_RATE = "3/h"
    for i in range(3):
        wrong = {"username": "alice", "password": "wrong"}
        assert client.post("/accounts/login/", wrong, REMOTE_ADDR=f"10.0.0.{i}").status_code == 200
    right = {"username": "Alice", "password": "correct horse battery"}
    refused = client.post("/accounts/login/", right, REMOTE_ADDR="10.0.0.99")
    assert refused.status_code == 429
    assert "Too many log-in attempts for this account" in refused.content.decode()
    assert "_auth_user_id" not in client.session
    other = {"username": "bob", "password": "correct horse battery"}
    assert client.post("/accounts/login/", other, REMOTE_ADDR="10.0.0.99").status_code == 302


def login_via_proxy(client, forwarded: str, username: str):
    return client.post(
        "/accounts/login/",
        {"username": username, "password": "wrong"},
        REMOTE_ADDR="10.1.1.1",
        HTTP_X_FORWARDED_FOR=forwarded,
    ).status_code


def test_behind_a_proxy_without_the_setting_all_clients_share_the_proxys_budget(
    client, db, limits_on
):
    limits_on.LOGIN_RATE = "2/m"
    codes = [login_via_proxy(client, f"203.0.113.{i}", f"user{i}") for i in range(3)]
    assert codes == [200, 200, 429]


def test_the_client_ip_header_gives_each_client_behind_the_proxy_its_own_budget(
    client, db, limits_on
):
    limits_on.LOGIN_RATE = "2/m"
    limits_on.CANDID_TRUSTED_PROXIES = ["10.1.1.1"]
    limits_on.CANDID_CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    codes = [login_via_proxy(client, f"203.0.113.{i}", f"user{i}") for i in range(3)]
    assert codes == [200, 200, 200]
    # A client forging its own X-Forwarded-For only controls the entries left of the one
    # the proxy appended: the right-most counts.
    forged = [login_via_proxy(client, f"192.0.2.{i}, 198.51.100.9", f"x{i}") for i in range(3)]
    assert forged == [200, 200, 429]


@pytest.mark.parametrize(
    "header,meta,expected",
    [
        ("", {"HTTP_X_FORWARDED_FOR": "203.0.113.5"}, "203.0.113.5"),
        ("HTTP_X_REAL_IP", {"HTTP_X_REAL_IP": "203.0.113.5"}, "203.0.113.5"),
        ("HTTP_X_FORWARDED_FOR", {"HTTP_X_FORWARDED_FOR": "1.2.3.4,203.0.113.5"}, "203.0.113.5"),
        ("HTTP_X_FORWARDED_FOR", {}, "10.1.1.1"),
        ("HTTP_X_FORWARDED_FOR", {"HTTP_X_FORWARDED_FOR": "garbage"}, "10.1.1.1"),
        ("HTTP_X_REAL_IP", {"HTTP_X_REAL_IP": "2001:db8:1:2:3:4:5:6"}, "2001:db8:1:2::"),
    ],
)
def test_client_ip_reads_the_configured_header_else_remote_addr(settings, header, meta, expected):
    settings.CANDID_TRUSTED_PROXIES = ["10.1.1.1"]
    settings.CANDID_CLIENT_IP_HEADER = header
    request = RequestFactory().post("/", REMOTE_ADDR="10.1.1.1", **meta)
    assert client_ip("any", request) == expected
