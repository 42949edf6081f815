"""Messages made in Python code reach a German reader in German (issue 15): a refused
state change names the lifecycle and its states in German, and the log-in and
password-reset limits explain themselves in German."""

import pytest
from django.conf import settings
from django.utils.translation import override

from core.states import IllegalTransition
from moderation.states import CASE
from rights.states import ERASURE
from tests.ratelimit_support import limit_of, limits_on  # noqa: F401


def refusal(graph, current: str, target: str) -> str:
    with override("de"), pytest.raises(IllegalTransition) as refused:
        graph.check(current, target)
    return str(refused.value)


def test_refused_state_change_is_german_with_state_labels():
    assert refusal(CASE, "decided", "open") == (
        "Fall: Der Wechsel von „Entschieden“ zu „Offen“ ist nicht möglich."
    )
    assert refusal(ERASURE, "held", "cancelled") == (
        "Löschantrag: Der Wechsel von „zurückgehalten“ zu „abgebrochen“ ist nicht möglich."
    )


def test_too_many_log_ins_is_german(client, alice, limits_on):  # noqa: F811
    allowed, _period = limit_of(settings.CANDID_LOGIN_ACCOUNT_RATE)
    wrong = {"username": "alice", "password": "wrong"}
    for i in range(allowed):
        client.post("/accounts/login/", wrong, REMOTE_ADDR=f"10.0.0.{i + 1}")
    refused = client.post(
        "/accounts/login/", wrong, REMOTE_ADDR="198.51.100.9", HTTP_ACCEPT_LANGUAGE="de"
    )
    assert refused.status_code == 429
    assert "Zu viele Anmeldeversuche für dieses Konto" in refused.content.decode()


def test_too_many_password_resets_is_german(client, alice, limits_on):  # noqa: F811
    allowed, _period = limit_of(settings.CANDID_PASSWORD_RESET_EMAIL_RATE)
    asked = {"email": "alice@example.org"}
    for i in range(allowed):
        client.post("/accounts/password-reset/", asked, REMOTE_ADDR=f"10.0.1.{i + 1}")
    refused = client.post(
        "/accounts/password-reset/", asked, REMOTE_ADDR="198.51.100.9", HTTP_ACCEPT_LANGUAGE="de"
    )
    assert refused.status_code == 429
    assert "Zu viele Anfragen zum Zurücksetzen des Passworts" in refused.content.decode()
