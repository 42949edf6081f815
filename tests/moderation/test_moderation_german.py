"""The moderation side in German (issue 15): a German complainant reports, appeals and
reads their notices, and a German moderator moderates, entirely in German. Each page is
asked for with Accept-Language: de and must say real German, in <html lang="de">."""

import json

import pytest
from django.conf import settings

from moderation.models import Notice
from tests.moderation_fixtures import staff_login

DE = {"HTTP_ACCEPT_LANGUAGE": "de"}


def german(response) -> str:
    page = response.content.decode()
    assert '<html lang="de">' in page
    return page


def test_report_form_is_german_and_calls_the_deadlines_our_commitment(client, photo):
    page = german(client.get(f"/report/?type=photo&id={photo.pk}", **DE))
    assert "Ein Problem melden" in page and "Meldung senden" in page
    assert "Was stimmt damit nicht?" in page and "Rechtswidriger Inhalt" in page
    assert "Sie melden: Foto „Harbour at night“ von Alice Example." in page
    assert "Unsere Zusage: offensichtlich rechtswidrige Inhalte innerhalb von 24 Stunden" in page
    assert "zeitnah, sorgfältig, frei von Willkür und objektiv" in page
    assert "Keine Belästigung und keine Drohungen" in page  # the rules, in German
    assert "NetzDG" not in page


def test_a_refused_report_names_its_errors_in_german(client, photo):
    form = {"target_type": "photo", "target_id": photo.pk, "ground": "illegal"}
    page = german(client.post("/report/", form, **DE))
    assert "Bitte erläutern Sie, warum Sie dies melden." in page
    assert "Nennen Sie das Land, gegen dessen Recht der Inhalt verstößt, z. B. DE." in page
    assert Notice.objects.count() == 0


def test_a_service_error_shows_in_german(client):
    form = {
        "url": "https://elsewhere.example/photos/1/",
        "ground": "rules",
        "rule": "harassment",
        "explanation": "Dieses Foto stellt eine Nachbarin bloß.",
        "name": "Dora Deutsch",
        "email": "dora@example.de",
    }
    response = client.post("/report/", form, **DE)
    assert response.status_code == 400
    assert "Dieser Link führt nicht zu Candid." in german(response)
    assert Notice.objects.count() == 0


def test_report_sent_is_german_and_the_notice_keeps_the_notifiers_language(client, photo):
    form = {
        "target_type": "photo",
        "target_id": photo.pk,
        "ground": "rules",
        "rule": "harassment",
        "explanation": "Dieses Foto stellt eine Nachbarin bloß.",
        "name": "Dora Deutsch",
        "email": "dora@example.de",
    }
    response = client.post("/report/", form, follow=True, **DE)
    page = german(response)
    assert "Vielen Dank, Ihre Meldung ist eingegangen" in page
    assert "Unsere Zusage: Entscheidung bis" in page and "keine gesetzliche Frist" in page
    assert Notice.objects.get().language == "de"


def test_rules_page_is_german_with_a_link_to_the_english_text(client):
    page = german(client.get("/rules/", **DE))
    assert "Gemeinschaftsregeln" in page
    assert "Achten Sie die Menschen auf Ihren Fotos" in page
    assert "Respect the people in your photos" not in page
    assert '<ol class="rules" lang="de">' in page
    assert '<a href="?lang=en" hreflang="en" lang="en">English</a>' in page


def test_rules_page_shows_the_other_language_when_asked(client):
    page = german(client.get("/rules/v1/?lang=en", **DE))
    assert "Respect the people in your photos" in page and '<ol class="rules" lang="en">' in page
    assert "Diese Version in einer anderen Sprache:" in page and 'hreflang="de"' in page


def test_rules_page_in_english_for_an_english_visitor(client):
    page = client.get("/rules/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="en">' in page and "Respect the people in your photos" in page
    assert '<a href="?lang=de" hreflang="de" lang="de">Deutsch</a>' in page


def test_appeal_form_is_german(client, alice, photo, report, decide):
    decision = decide(report(photo).case)
    client.force_login(alice)
    page = german(client.get(f"/moderation/decisions/{decision.pk}/appeal/", **DE))
    assert "Beschwerde gegen eine Entscheidung" in page and "Beschwerde senden" in page
    assert "Die Beschwerde ist kostenlos." in page
    assert "Warum die Entscheidung geändert werden sollte" in page


def test_an_appeal_refused_by_the_service_says_why_in_german(client, alice, photo, report, decide):
    decision = decide(report(photo).case)
    client.force_login(alice)
    url = f"/moderation/decisions/{decision.pk}/appeal/"
    page = german(client.post(url, {"explanation": "Nein."}, **DE))
    assert "Bitte erläutern Sie, warum die Entscheidung geändert werden sollte." in page
    assert decision.appeals.count() == 0


def test_case_page_is_german_for_a_german_moderator(client, mod2, photo, report):
    case = report(photo).case
    staff_login(client, mod2)
    page = german(client.get(f"/moderation/cases/{case.pk}/", **DE))
    assert f"Fall {case.pk}: Foto {photo.pk}" in page
    assert "Frist (unsere Zusage):" in page and "Meldungen (1)" in page
    assert "Entscheidung treffen" in page and "Zugrunde gelegte Tatsachen und Umstände" in page
    assert "Regel: <a" in page and "Keine Belästigung und keine Drohungen" in page


def test_queue_is_german_and_names_the_deadlines_our_commitments(client, mod2, photo, report):
    report(photo)
    staff_login(client, mod2)
    page = german(client.get("/moderation/", **DE))
    assert "Moderationswarteschlange" in page and "Frist (unsere Zusage)" in page
    assert "das Gesetz verlangt zeitnahe, sorgfältige, willkürfreie und objektive" in page


def test_my_notices_show_a_german_statement_citing_the_german_rule(
    client, alice, photo, report, decide
):
    decide(report(photo).case)
    client.force_login(alice)
    page = german(client.get("/moderation/mine/", **DE))
    assert "Entscheidungen, die Sie betreffen" in page and "Unsere Maßnahme" in page
    assert "Keine Belästigung und keine Drohungen" in page  # the rule, in German
    assert f'{settings.SITE_URL}/rules/v1/?lang=en#harassment" hreflang="en"' in page
    assert "Beschwerde gegen diese Entscheidung einlegen" in page


@pytest.mark.parametrize("path", ["/report/", "/rules/"])
def test_english_stays_english(client, path):
    page = client.get(path, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="en">' in page and "Gemeinschaftsregeln" not in page


def test_an_api_error_from_a_moderation_service_is_german_by_accept_language(client):
    body = {
        "target_url": "https://elsewhere.example/photos/1/",
        "ground": "rules",
        "rule": "harassment",
        "explanation": "Dieses Foto stellt eine Nachbarin bloß.",
        "notifier_name": "Dora Deutsch",
        "notifier_email": "dora@example.de",
    }
    response = client.post(
        "/api/v1/notices", json.dumps(body), content_type="application/json", **DE
    )
    assert response.status_code in (400, 404)
    assert response.json()["detail"] == "Dieser Link führt nicht zu Candid."
    assert Notice.objects.count() == 0


def test_a_german_moderator_decides_an_appeal_in_german(client, alice, mod2, photo, report, decide):
    from moderation.services.appeals import appeal_submit

    decision = decide(report(photo).case)
    appeal = appeal_submit(decision=decision, explanation="I took it myself.", appellant=alice)
    staff_login(client, mod2)
    page = german(client.get(f"/moderation/appeals/{appeal.pk}/", **DE))
    assert f"Beschwerde {appeal.reference}" in page and "Die betroffene Person" in page
    assert "Über die Beschwerde entscheiden" in page and "Die angefochtene Entscheidung" in page
    assert "Keine Belästigung und keine Drohungen" in page
