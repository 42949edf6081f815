"""Each person is written to in their own language (issue 15), whatever language the
moderator works in: a notifier in the language they reported in (stored on the notice),
the affected member in their saved preference, each moderator in theirs. The rules are
versioned per language, and a statement cites the rule in its reader's language, with a
link to the other."""

import contextlib
import json
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone, translation

from core.errors import ServiceError
from moderation.models import Notice, RuleSet
from moderation.privacy import export
from moderation.services.appeals import appeal_decide, appeal_submit
from moderation.services.notices import notice_submit
from moderation.services.rules import ruleset_publish
from moderation.services.targets import Target


def mails_to(address: str):
    return [m for m in mail.outbox if m.to == [address]]


@pytest.fixture
def german_notice(photo, bob):
    """Bob (no saved language) reports in German, as the web form or the API records it."""

    def do():
        return notice_submit(
            target=Target("photo", photo),
            ground="rules",
            rule_code="harassment",
            explanation="Dieses Foto stellt eine Nachbarin bloß.",
            notifier=bob,
            language="de",
        )

    return do


def test_a_german_notifier_gets_a_german_confirmation(
    german_notice, bob, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notice = german_notice()
    [receipt] = mails_to(bob.email)
    assert notice.language == "de"
    assert receipt.subject == f"Candid: Ihre Meldung {notice.reference} ist eingegangen"
    assert "Unsere Zusage: Wir entscheiden bis" in receipt.body
    assert "zeitnah, sorgfältig, frei von Willkür und objektiv" in receipt.body


def test_the_notice_takes_the_language_active_for_the_request(photo, make_user):
    with translation.override("de"):
        notice = notice_submit(
            target=Target("photo", photo),
            ground="rules",
            rule_code="spam",
            explanation="Hundreds of identical comments.",
            notifier=make_user("carol"),
        )
    assert notice.language == "de"


def test_the_api_stores_the_callers_language_and_confirms_in_it(
    client, photo, settings, django_capture_on_commit_callbacks
):
    body = {
        "target_url": f"{settings.SITE_URL}/photos/{photo.pk}/",
        "ground": "rules",
        "rule": "harassment",
        "explanation": "Dieses Foto stellt eine Nachbarin bloß.",
        "notifier_name": "Dora Deutsch",
        "notifier_email": "dora@example.de",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/api/v1/notices",
            json.dumps(body),
            content_type="application/json",
            HTTP_ACCEPT_LANGUAGE="de",
        )
    assert response.status_code == 201
    assert Notice.objects.get().language == "de"
    [receipt] = mails_to("dora@example.de")
    assert "Ihre Meldung" in receipt.subject and "Unsere Zusage" in receipt.body


def test_german_notifier_german_outcome_english_member_english_statement_while_the_moderator_works_in_german(  # noqa: E501
    german_notice, alice, bob, decide, django_capture_on_commit_callbacks
):
    notice = german_notice()
    mail.outbox.clear()
    with translation.override("de"), django_capture_on_commit_callbacks(execute=True):
        decide(notice.case)  # the moderator's page is in German
    [outcome] = mails_to(bob.email)
    assert outcome.subject == f"Candid: Entscheidung über Ihre Meldung {notice.reference}"
    assert "Entscheidung: Inhalt entfernen" in outcome.body
    assert "Keine Belästigung und keine Drohungen" in outcome.body  # the rule, in German
    assert "/rules/v1/?lang=de#harassment" in outcome.body
    assert "Auf Englisch: " in outcome.body and "/rules/v1/?lang=en#harassment" in outcome.body
    [statement] = mails_to(alice.email)  # alice saved no language: the instance's, English
    assert statement.subject.startswith("Candid: statement of reasons for a decision about")
    assert "What we did: Remove content" in statement.body
    assert "No harassment or threats" in statement.body and "Begründung" not in statement.body
    assert "In German: " in statement.body and "/rules/v1/?lang=de#harassment" in statement.body


def test_a_german_member_gets_a_german_statement_while_the_moderator_works_in_english(
    photo, alice, report, decide, django_capture_on_commit_callbacks
):
    alice.language = "de"
    alice.save(update_fields=["language"])
    notice = report(photo)
    mail.outbox.clear()
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        decide(notice.case)
    [statement] = mails_to(alice.email)
    assert statement.subject == (
        "Candid: Begründung einer Entscheidung über Ihren Inhalt (Foto „Harbour at night“)"
    )
    assert "Unsere Maßnahme: Inhalt entfernen" in statement.body
    assert (
        "Gemeinschaftsregel: harassment – Keine Belästigung und keine Drohungen" in statement.body
    )
    assert "Bedrohen, verfolgen oder outen Sie niemanden" in statement.body  # the rule's text
    assert "Auf Englisch: " in statement.body and "/rules/v1/?lang=en#harassment" in statement.body


def test_an_english_notifier_stays_english_when_the_moderator_works_in_german(
    photo, bob, report, decide, django_capture_on_commit_callbacks
):
    with translation.override("en"):
        notice = report(photo)
    mail.outbox.clear()
    with translation.override("de"), django_capture_on_commit_callbacks(execute=True):
        decide(notice.case)
    [outcome] = mails_to(bob.email)
    assert outcome.subject == f"Candid: decision on your report {notice.reference}"
    assert "Decision: Remove content" in outcome.body


def test_an_appeals_outcome_reaches_each_party_in_their_language(
    german_notice, alice, bob, mod2, decide, django_capture_on_commit_callbacks
):
    decision = decide(german_notice().case)
    with translation.override("en"):
        appeal = appeal_submit(
            decision=decision, explanation="I took this photo myself.", appellant=alice
        )
    mail.outbox.clear()
    with translation.override("de"), django_capture_on_commit_callbacks(execute=True):
        appeal_decide(
            appeal=appeal, moderator=mod2, outcome="upheld", reasons="The caption names her."
        )
    [to_alice] = mails_to(alice.email)
    [to_bob] = mails_to(bob.email)
    assert to_alice.subject == f"Candid: outcome of appeal {appeal.reference}"
    assert to_bob.subject == f"Candid: Ergebnis der Beschwerde {appeal.reference}"
    assert "Ergebnis: Entscheidung bestätigt" in to_bob.body


def test_moderators_are_mailed_each_in_their_language(
    photo, report, mod, mod2, make_user, django_capture_on_commit_callbacks
):
    mod2.language = "de"
    mod2.save(update_fields=["language"])
    case = report(photo).case
    from moderation.services.decisions import DecisionInput, decision_issue

    mail.outbox.clear()
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        decision_issue(
            case=case,
            moderator=mod,
            data=DecisionInput(
                action="suspend",
                duration_days=7,
                ground="rules",
                rule_code="harassment",
                rule_explanation="Repeated threats.",
                facts="Three threatening captions in one week.",
            ),
            expected_version=case.version,
        )
    [to_mod2] = mails_to(mod2.email)
    assert "Genehmigung" in to_mod2.subject and "schlägt vor" in to_mod2.body


def test_rules_are_published_with_their_german_text_and_shown_per_language(
    client, mod, make_user, django_capture_on_commit_callbacks
):
    make_user("erika", language="de")
    make_user("edward", language="en")
    rules = [
        {
            "code": "kindness",
            "title": "Be kind",
            "text": "Criticise photos, not people.",
            "texts": {
                "de": {
                    "title": "Seien Sie freundlich",
                    "text": "Kritisieren Sie Fotos, nicht Menschen.",
                }
            },
        }
    ]
    effective = timezone.now() + timedelta(days=15)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        ruleset = ruleset_publish(
            actor=mod, rules=rules, summary="Kindness.", effective_at=effective
        )
    page = client.get(f"/rules/v{ruleset.version}/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Seien Sie freundlich" in page and "Be kind" not in page
    english = client.get(f"/rules/v{ruleset.version}/?lang=en", HTTP_ACCEPT_LANGUAGE="de")
    assert "Be kind" in english.content.decode()
    [to_erika] = mails_to("erika@example.org")
    [to_edward] = mails_to("edward@example.org")
    assert "Gemeinschaftsregeln" in to_erika.subject and "community rules" in to_edward.subject


def test_a_version_without_german_is_shown_in_english_and_says_so(client, mod):
    rules = [{"code": "kindness", "title": "Be kind", "text": "Criticise photos, not people."}]
    effective = timezone.now() + timedelta(days=15)
    ruleset = ruleset_publish(actor=mod, rules=rules, summary="Kindness.", effective_at=effective)
    page = client.get(f"/rules/v{ruleset.version}/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Be kind" in page and '<ol class="rules" lang="en">' in page
    assert "liegt in Ihrer Sprache noch nicht vor" in page


def test_a_rule_text_in_a_language_candid_does_not_speak_is_refused(mod):
    rules = [
        {
            "code": "kindness",
            "title": "Be kind",
            "text": "Criticise photos, not people.",
            "texts": {"fr": {"title": "Soyez aimable", "text": "Critiquez les photos."}},
        }
    ]
    effective = timezone.now() + timedelta(days=15)
    with translation.override("de"), pytest.raises(ServiceError, match="keine weitere Sprache"):
        ruleset_publish(actor=mod, rules=rules, summary="Kindness.", effective_at=effective)
    assert RuleSet.objects.count() == 1


class Archive:
    """What moderation.privacy.export writes, kept in memory."""

    def __init__(self):
        self.files = {}

    @contextlib.contextmanager
    def json_array(self, name):
        yield self.files.setdefault(name, [])

    def write_json(self, name, value):
        self.files[name] = value


def test_the_notifiers_export_holds_their_notices_language_and_the_reported_persons_does_not(
    german_notice, alice, bob
):
    german_notice()
    filed, about = Archive(), Archive()
    export(bob, filed)
    export(alice, about)
    assert filed.files["moderation/notices_filed.json"][0]["your_language"] == "de"
    [reported] = about.files["moderation/notices_about_you.json"]
    assert "your_language" not in reported and "de" not in reported.values()
