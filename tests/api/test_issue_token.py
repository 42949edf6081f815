"""`manage.py issue_token`: prints only the secret, which then works against the API."""

import io

import pytest
from django.core.management import CommandError, call_command

from accounts.models import ApiToken, User
from core.models import Event
from tests.api.conftest import ApiClient


def issue(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("issue_token", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_prints_only_a_token_that_works_with_its_scopes(alice):
    out, _ = issue("alice", "--scopes", "read,write", "--name", "backup script")
    secret = out.strip()
    assert out == secret + "\n" and secret.startswith("cnd_")
    token = ApiToken.objects.get(user=alice)
    assert (token.name, token.scopes) == ("backup script", ["read", "write"])
    client = ApiClient(secret)
    assert client.get("/me").json()["username"] == "alice"
    assert client.post("/albums", {"title": "From the CLI"}).status_code == 201


def test_read_only_token_cannot_write(alice):
    secret = issue("alice", "--scopes", "read")[0].strip()
    assert ApiClient(secret).post("/albums", {"title": "No"}).status_code == 403


def test_create_user_makes_an_account_without_usable_password(db):
    out, err = issue("carol", "--scopes", "read", "--create-user")
    carol = User.objects.get(username="carol")
    assert not carol.has_usable_password()
    assert "Created user" in err
    assert Event.objects.filter(
        kind="account.created", subject_id=carol.pk, data__via="operator"
    ).exists()
    assert ApiClient(out.strip()).get("/me").json()["username"] == "carol"


def test_create_user_reuses_an_existing_account(alice):
    issue("alice", "--scopes", "read", "--create-user")
    assert User.objects.filter(username="alice").count() == 1
    assert alice.api_tokens.count() == 1


def test_missing_user_without_create_is_a_clear_error(db):
    with pytest.raises(CommandError, match="--create-user"):
        issue("nobody", "--scopes", "read")
    assert not User.objects.exists() and not ApiToken.objects.exists()


@pytest.mark.parametrize("scopes", ["admin", "read,admin", ",", ""])
def test_unknown_or_missing_scope_is_a_clear_error(alice, scopes):
    with pytest.raises(CommandError, match="Unknown or missing scopes"):
        issue("alice", "--scopes", scopes)
    assert not ApiToken.objects.exists()


def test_invalid_username_is_refused_on_create(db):
    with pytest.raises(CommandError, match="not a valid username"):
        issue("no spaces allowed", "--scopes", "read", "--create-user")
    assert not User.objects.exists()


def test_overlong_token_name_is_refused(alice):
    with pytest.raises(CommandError, match="limited to 80"):
        issue("alice", "--scopes", "read", "--name", "x" * 81)
    assert not ApiToken.objects.exists()
