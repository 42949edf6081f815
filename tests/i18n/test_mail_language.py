"""Mail reaches a person in their own language: the saved one, else the page's."""

import pytest
from django.core import mail

pytestmark = pytest.mark.django_db


def reset_mail(client, django_capture_on_commit_callbacks, **headers):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/password-reset/", {"email": "alice@example.org"}, **headers)
    return mail.outbox[-1]


def test_a_reset_asked_from_a_german_page_is_written_in_german(
    client, alice, django_capture_on_commit_callbacks
):
    message = reset_mail(client, django_capture_on_commit_callbacks, HTTP_ACCEPT_LANGUAGE="de")
    assert message.subject == "Ihr Candid-Passwort zurücksetzen"
    assert "jemand (hoffentlich Sie)" in message.body


def test_the_members_saved_language_beats_the_page(
    client, alice, django_capture_on_commit_callbacks
):
    alice.language = "en"
    alice.save()
    message = reset_mail(client, django_capture_on_commit_callbacks, HTTP_ACCEPT_LANGUAGE="de")
    assert message.subject == "Reset your Candid password"
