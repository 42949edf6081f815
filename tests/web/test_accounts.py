import re

import pytest
from django.core import mail

from accounts.models import User
from accounts.terms import TERMS_VERSION
from core.models import Event


def signup_data(**overrides):
    return {
        "username": "carol",
        "email": "carol@example.org",
        "password": "a long unusual passphrase",
        "accept_terms": "on",
        "terms_version": TERMS_VERSION,
        **overrides,
    }


def test_signup_creates_the_account_logs_in_and_records_the_event(client, db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    response = client.post("/accounts/signup/", signup_data())
    assert response.status_code == 302
    user = User.objects.get(username="carol")
    assert user.check_password("a long unusual passphrase")
    assert user.password.startswith("argon2")
    assert Event.objects.filter(kind="account.created", subject_id=user.pk).exists()
    assert client.get("/").status_code == 200  # signed in: the feed, not a redirect


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"username": ""}, "This field is required"),
        ({"email": "not-an-email"}, "Enter a valid email address"),
        ({"password": "123"}, "too short"),
        ({"username": "bad name!"}, "Enter a valid value"),
    ],
)
def test_signup_with_bad_input_shows_the_error_and_creates_nothing(client, db, overrides, message):
    response = client.post("/accounts/signup/", signup_data(**overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not User.objects.exists()
    assert not Event.objects.exists()


def test_signup_with_a_taken_username_is_refused(client, alice):
    response = client.post("/accounts/signup/", signup_data(username="ALICE"))
    assert response.status_code == 400
    assert "That username is taken." in response.content.decode()
    assert User.objects.count() == 1


def test_login_and_logout_by_post(client, alice):
    response = client.post(
        "/accounts/login/", {"username": "alice", "password": "correct horse battery"}
    )
    assert response.status_code == 302
    assert client.session.get("_auth_user_id") == str(alice.pk)
    assert client.get("/accounts/logout/").status_code == 405
    assert client.post("/accounts/logout/").status_code == 302
    assert "_auth_user_id" not in client.session


def test_login_with_a_wrong_password_says_so(client, alice):
    response = client.post("/accounts/login/", {"username": "alice", "password": "nope"})
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_login_posts_are_rate_limited_by_ip(client, alice, settings):
    settings.RATELIMIT_ENABLE = True
    settings.LOGIN_RATE = "3/m"
    for _ in range(3):
        client.post("/accounts/login/", {"username": "alice", "password": "wrong"})
    response = client.post(
        "/accounts/login/", {"username": "alice", "password": "correct horse battery"}
    )
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert client.get("/accounts/login/").status_code == 200  # reading the form is not limited


def test_signup_posts_are_rate_limited_by_ip(client, db, settings):
    settings.RATELIMIT_ENABLE = True
    settings.SIGNUP_RATE = "2/h"
    client.post("/accounts/signup/", signup_data(username="one"))
    client.post("/accounts/logout/")
    client.post("/accounts/signup/", signup_data(username="two"))
    client.post("/accounts/logout/")
    response = client.post("/accounts/signup/", signup_data(username="three"))
    assert response.status_code == 429
    assert set(User.objects.values_list("username", flat=True)) == {"one", "two"}


def test_password_reset_by_email_link_sets_a_new_password(
    client, alice, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/password-reset/", {"email": "alice@example.org"})
    assert response.status_code == 302
    assert client.get(response.url).status_code == 200
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/accounts/reset/\S+/)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    assert "Choose a new password" in form_page.content.decode()
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "another fine passphrase", "new_password2": "another fine passphrase"},
    )
    assert done.status_code == 302
    assert "Your password is changed" in client.get(done.url).content.decode()
    alice.refresh_from_db()
    assert alice.check_password("another fine passphrase")


def test_password_reset_for_an_unknown_email_sends_nothing_and_reveals_nothing(client, alice):
    response = client.post("/accounts/password-reset/", {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_password_reset_link_used_twice_is_refused(
    client, alice, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/password-reset/", {"email": "alice@example.org"})
    link = re.search(r"(/accounts/reset/\S+/)", mail.outbox[0].body).group(1)
    page = client.get(link, follow=True)
    url = page.redirect_chain[-1][0]
    client.post(
        url,
        {"new_password1": "another fine passphrase", "new_password2": "another fine passphrase"},
    )
    again = client.get(link, follow=True)
    assert "This link no longer works" in again.content.decode()
