"""The pages every operator must publish, filled from the operator profile, in English and
German, linked from every page's footer."""

import pytest
from django.urls import reverse

from tests.legal.conftest import AUSTRIA, OUTSIDE_EU, SMALL_GERMANY

pytestmark = pytest.mark.django_db
PAGES = ("legal_notice", "legal_terms", "legal_privacy", "legal_contact")


def page(client, name: str, lang: str = "en") -> str:
    response = client.get(reverse(name), HTTP_ACCEPT_LANGUAGE=lang)
    assert response.status_code == 200
    return response.content.decode()


def test_every_page_links_the_four_legal_pages_in_its_footer(client, operator):
    operator(SMALL_GERMANY)
    for path in ("/explore/", "/rules/", "/report/", reverse("legal_terms")):
        html = client.get(path).content.decode()
        footer = html[html.index('<footer class="site-footer">') :]
        for name in PAGES:
            assert f'href="{reverse(name)}"' in footer, (path, name)


def test_legal_notice_holds_the_ddg_fields(client, operator):
    operator(SMALL_GERMANY)
    html = page(client, "legal_notice")
    for value in (
        "Lichtbild Gemeinschaft GmbH",
        "Erika Mustermann",
        "Hafenstraße 5<br>20457",
        "kontakt@lichtbild.example",
        "+49 40 1234567",
        "Amtsgericht Hamburg, HRB 999999",
        "DE123456789",
        "§ 5 NetzDG",
    ):
        assert value in html, value
    german = page(client, "legal_notice", "de")
    assert "Impressum" in german and "Vertreten durch Erika Mustermann" in german
    assert "Umsatzsteuer-Identifikationsnummer" in german


def test_a_missing_identity_says_so(client, operator):
    operator({})
    assert "has not provided this yet" in page(client, "legal_notice")


def test_demo_values_are_marked_as_invented(client, operator):
    operator({**SMALL_GERMANY, "demo": True})
    for name in PAGES:
        assert "This is not a real operator" in page(client, name)


def test_contact_page_names_both_points_with_languages_and_the_agent(client, operator):
    operator(SMALL_GERMANY)
    html = page(client, "legal_contact")
    assert "behoerden@lichtbild.example" in html and "hilfe@lichtbild.example" in html
    assert "German, English" in html
    agent = html[html.index('id="agent"') :]
    assert "Agent for service in Germany" in agent and "Hafenstraße 5" in agent
    german = page(client, "legal_contact", "de")
    assert "Zustellungsbevollmächtigter" in german and "Deutsch, Englisch" in german


def test_an_operator_in_another_member_state_shows_no_agent(client, operator):
    operator(AUSTRIA)
    assert 'id="agent"' not in page(client, "legal_contact")


def test_an_operator_outside_the_eu_shows_agent_and_representative(client, operator):
    operator(OUTSIDE_EU)
    html = page(client, "legal_contact")
    assert "Kanzlei Zustellung" in html and "EU Rep Ltd" in html
    assert "Legal representative in the EU (DSA Art. 13)" in html


def test_terms_give_what_art_14_asks_and_link_rules_and_transparency(client, operator):
    operator(SMALL_GERMANY)
    html = page(client, "legal_terms")
    assert f'href="{reverse("rules")}"' in html and f'href="{reverse("transparency")}"' in html
    assert "Automated tools" in html  # Art. 14(1): algorithmic decision-making
    assert "within six months, free of charge" in html  # complaint handling
    assert "after 3 we warn you" in html  # Art. 23(4): the misuse policy with its figures
    assert "suspension of 7 days" in html
    german = page(client, "legal_terms", "de")
    assert "Nutzungsbedingungen" in german and "Beschwerde" in german


def test_privacy_notice_names_the_data_protection_officer_if_any(client, operator):
    operator(SMALL_GERMANY)
    assert "Data protection officer" not in page(client, "legal_privacy")
    dpo = {"name": "Dr. Datenschutz", "email": "dsb@lichtbild.example"}
    operator({**SMALL_GERMANY, "data_protection_officer": dpo})
    html = page(client, "legal_privacy")
    assert "Data protection officer" in html and "dsb@lichtbild.example" in html
    assert "Datenschutzbeauftragte" in page(client, "legal_privacy", "de")
