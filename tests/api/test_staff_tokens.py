"""Staff endpoints take only personal access tokens made in a session confirmed with the
second factor; a moderator's other tokens get 403 with a message saying what to do."""

from accounts.models import ApiToken
from accounts.services import token_create
from tests.api.conftest import ApiClient
from tests.moderation_fixtures import staff_login


def test_a_moderator_token_made_without_the_second_factor_gets_403_on_staff_endpoints(mod):
    _, plain = token_create(user=mod, name="old", scopes=["read", "write"])
    response = ApiClient(plain).get("/moderation/queue")
    assert response.status_code == 403
    assert "second factor" in response.json()["detail"]
    assert ApiClient(plain).get("/me").status_code == 200  # the member's own reads work


def test_a_moderator_token_made_after_the_code_reaches_staff_endpoints(mod):
    _, confirmed = token_create(user=mod, name="new", scopes=["read"], second_factor=True)
    assert ApiClient(confirmed).get("/moderation/queue").status_code == 200


def test_the_tokens_page_marks_tokens_made_in_a_confirmed_session(client, mod, alice):
    staff_login(client, mod)
    client.post("/settings/tokens/", {"name": "cli", "scopes": ["read"]})
    client.force_login(alice)
    client.post("/settings/tokens/", {"name": "script", "scopes": ["read"]})
    marks = dict(ApiToken.objects.values_list("name", "second_factor"))
    assert marks == {"cli": True, "script": False}


def test_a_member_token_is_refused_on_staff_endpoints_as_before(alice):
    _, secret = token_create(user=alice, name="t", scopes=["read"], second_factor=True)
    response = ApiClient(secret).get("/moderation/queue")
    assert (
        response.status_code == 403 and response.json()["detail"] == "Only moderators can do this."
    )
