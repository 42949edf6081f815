"""Token authentication and scopes."""

from accounts.models import ApiToken
from accounts.services import token_revoke
from photos.models import Album
from tests.api.conftest import ApiClient


def test_anonymous_caller_reads_public_profile(alice, api):
    response = api().get("/users/alice")
    assert response.status_code == 200
    assert response.json()["username"] == "alice"


def test_anonymous_caller_gets_401_with_detail_on_me(db, api):
    response = api().get("/me")
    assert response.status_code == 401
    assert "Authorization: Bearer" in response.json()["detail"]
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_anonymous_caller_cannot_write(alice, api):
    response = api().post("/albums", {"title": "Mine"})
    assert response.status_code == 401
    assert response.json()["detail"]
    assert not Album.objects.exists()


def test_unknown_token_is_refused_with_401_even_on_public_reads(alice):
    response = ApiClient("cnd_not-a-real-token").get("/users/alice")
    assert response.status_code == 401
    assert "not valid" in response.json()["detail"]


def test_revoked_token_is_refused_with_401(alice, token):
    secret = token(alice, "read", "write")
    token_revoke(user=alice, token=ApiToken.objects.get(user=alice))
    response = ApiClient(secret).get("/me")
    assert response.status_code == 401
    assert "revoked" in response.json()["detail"]


def test_token_of_deactivated_account_is_refused(alice, token):
    secret = token(alice, "read")
    alice.is_active = False
    alice.save()
    assert ApiClient(secret).get("/me").status_code == 401


def test_non_bearer_authorization_header_is_refused(alice):
    client = ApiClient()
    client.headers = {"Authorization": "Basic YWxpY2U6c2VjcmV0"}
    response = client.get("/users/alice")
    assert response.status_code == 401
    assert response.json()["detail"]


def test_read_token_gets_403_with_detail_on_writes(alice, api):
    response = api(alice, "read").post("/albums", {"title": "Mine"})
    assert response.status_code == 403
    assert "“write” scope" in response.json()["detail"]
    assert not Album.objects.exists()


def test_write_only_token_gets_403_on_reads(alice, api):
    response = api(alice, "write").get("/me")
    assert response.status_code == 403
    assert "“read” scope" in response.json()["detail"]


def test_read_token_reads_own_profile_with_email(alice, api):
    response = api(alice, "read").get("/me")
    assert response.status_code == 200
    assert response.json()["email"] == "alice@example.org"


def test_using_a_token_records_last_use(alice, api):
    api(alice, "read").get("/me")
    assert ApiToken.objects.get(user=alice).last_used_at is not None
