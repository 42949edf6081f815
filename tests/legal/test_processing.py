"""The privacy notice is generated from legal/processing.py, and every model of Candid's
own apps that holds personal data is declared there."""

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models
from django.urls import reverse

from legal.processing import NOT_PERSONAL, PROCESSING

# Field names that usually hold personal data, whatever their type.
PERSONAL_NAMES = {
    "email",
    "ip",
    "user_agent",
    "owner_name",
    "notifier_name",
    "recipient",
    "attribution",
    "private",
    "contact",
    "address",
}


def own_models() -> list[type[models.Model]]:
    root = str(settings.BASE_DIR)
    return [
        model
        for model in apps.get_models()
        if model._meta.app_config.path.startswith(root)
        and ".venv" not in model._meta.app_config.path
        and not model._meta.proxy
    ]


def holds_personal_data(model) -> bool:
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    for field in model._meta.concrete_fields:
        if isinstance(field, models.ForeignKey) and field.related_model is user_model:
            return True
        if isinstance(field, (models.EmailField, models.GenericIPAddressField, models.FileField)):
            return True
        if field.name in PERSONAL_NAMES:
            return True
    return False


def test_every_model_is_declared_personal_or_not():
    declared = {label for entry in PROCESSING for label in entry.models}
    labels = {model._meta.label for model in own_models()}
    assert labels - declared - NOT_PERSONAL.keys() == set()
    assert declared - labels == set(), "declared models that do not exist"
    assert declared & NOT_PERSONAL.keys() == set()


def test_no_model_holding_personal_data_is_listed_as_not_personal():
    wrongly = [
        m._meta.label
        for m in own_models()
        if m._meta.label in NOT_PERSONAL and holds_personal_data(m)
    ]
    assert wrongly == []


def test_the_declaration_covers_what_the_issue_names():
    keys = {entry.key for entry in PROCESSING}
    assert {
        "account",
        "photos",
        "sessions",
        "rate_limits",
        "notices",
        "statements",
        "consent",
        "exports",
        "mail",
        "logs",
    } <= keys
    for entry in PROCESSING:
        assert entry.purpose and entry.basis and entry.retention, entry.key


@pytest.mark.django_db
def test_privacy_notice_lists_each_entry_with_its_settings(client, settings):
    settings.CANDID_MAIL_KEEP_DAYS = 12
    settings.CANDID_ACCESS_LOG_DAYS = 45
    html = client.get(reverse("legal_privacy")).content.decode()
    for entry in PROCESSING:
        assert str(entry.title) in html
    assert "Sent messages are kept 12 days." in html
    assert "The access log is kept 45 days" in html
    assert "Art. 6(1)(c) GDPR" in html and "Art. 77" in html
    german = client.get(reverse("legal_privacy"), HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Datenschutzerklärung" in german and "Gesendete Nachrichten werden 12 Tage" in german
    assert "Art. 6 Abs. 1 lit. c DSGVO" in german
