"""The staff compliance page: for each operator profile, which duties bind (with their
article), which Candid performs voluntarily, where, and which settings they demand."""

import pytest
from django.urls import reverse

from legal.duties import BINDING, NOT_APPLICABLE, VOLUNTARY, duties_for
from legal.profile import parse_profile
from tests.legal.conftest import AUSTRIA, LARGE_GERMANY, OUTSIDE_EU, SMALL_GERMANY
from tests.moderation_fixtures import staff_login

ALWAYS = {"impressum", "art11", "art12", "art14", "gdpr13", "art16", "art17", "art18", "art24_3"}
PLATFORM = {"art20", "art21", "art22", "art23", "art24_1", "art25_28"}


def statuses(profile: dict) -> dict[str, str]:
    return {d.key: d.status for d in duties_for(parse_profile(profile)[0])}


def demanded(profile: dict) -> dict[str, list[str]]:
    duties = duties_for(parse_profile(profile)[0])
    return {d.key: [x.setting for x in d.demands] for d in duties if d.demands}


def test_micro_or_small_operator_in_germany():
    got = statuses(SMALL_GERMANY)
    assert {key for key in ALWAYS if got[key] != BINDING} == set()
    assert {got[key] for key in PLATFORM} == {VOLUNTARY}
    assert got["art15"] == VOLUNTARY and got["art24_5"] == VOLUNTARY
    assert got["netzdg5"] == BINDING and got["art13"] == NOT_APPLICABLE
    assert got["netzdg2_3"] == NOT_APPLICABLE
    notes = {d.key: d.note for d in duties_for(parse_profile(SMALL_GERMANY)[0])}
    assert notes["art24_5"] == "voluntary (Art. 15(2) / Art. 19 DSA)"
    assert notes["art15"] == "voluntary (Art. 15(2) / Art. 19 DSA)"
    assert demanded(SMALL_GERMANY) == {
        "impressum": ["impressum", "contact"],
        "art11": ["contact.authorities"],
        "art12": ["contact.users"],
        "netzdg5": ["agent"],
    }


def test_large_operator_in_germany(settings):
    settings.CANDID_DSA_DB_TOKEN = ""
    got = statuses(LARGE_GERMANY)
    assert {got[key] for key in ALWAYS | PLATFORM | {"art15", "art24_5", "netzdg5"}} == {BINDING}
    duties = {d.key: d for d in duties_for(parse_profile(LARGE_GERMANY)[0])}
    assert duties["art24_5"].missing == ["CANDID_DSA_DB_TOKEN"]
    settings.CANDID_DSA_DB_TOKEN = "token"
    duties = {d.key: d for d in duties_for(parse_profile(LARGE_GERMANY)[0])}
    assert duties["art24_5"].missing == []


def test_operator_established_in_another_member_state():
    got = statuses(AUSTRIA)
    assert got["netzdg5"] == NOT_APPLICABLE and got["art13"] == NOT_APPLICABLE
    assert "agent" not in sum(demanded(AUSTRIA).values(), [])
    impressum = next(d for d in duties_for(parse_profile(AUSTRIA)[0]) if d.key == "impressum")
    assert impressum.article == "Art. 5 Directive 2000/31/EC (law of AT)"


def test_operator_established_outside_the_eu():
    got = statuses(OUTSIDE_EU)
    assert got["art13"] == BINDING and got["netzdg5"] == BINDING
    assert demanded(OUTSIDE_EU)["art13"] == ["legal_representative"]
    assert demanded(OUTSIDE_EU)["netzdg5"] == ["agent"]
    bare = {k: v for k, v in OUTSIDE_EU.items() if k not in ("agent", "legal_representative")}
    missing = {d.key: d.missing for d in duties_for(parse_profile(bare)[0]) if d.missing}
    assert missing == {"art13": ["legal_representative"], "netzdg5": ["agent"]}


@pytest.mark.django_db
@pytest.mark.parametrize("profile", [SMALL_GERMANY, LARGE_GERMANY, AUSTRIA, OUTSIDE_EU])
def test_the_page_lists_the_duties_of_the_profile(client, operator, mod, profile):
    operator(profile)
    staff_login(client, mod)
    html = client.get(reverse("legal_compliance")).content.decode()
    for key, status in statuses(profile).items():
        assert f'id="duty-{key}" data-status="{status}"' in html
    german = client.get(reverse("legal_compliance"), HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Pflichten" in german and "Inländischer Zustellungsbevollmächtigter" in german


@pytest.mark.django_db
def test_the_page_shows_missing_settings(client, operator, mod):
    operator({"size": "micro_or_small", "country": "DE"})
    staff_login(client, mod)
    html = client.get(reverse("legal_compliance")).content.decode()
    assert 'data-setting="agent" data-present="no"' in html
    assert "lacks the operator" in html


@pytest.mark.django_db
def test_only_staff_with_a_second_factor_see_it(client, operator, alice, mod):
    operator(SMALL_GERMANY)
    url = reverse("legal_compliance")
    assert client.get(url).status_code == 302  # visitors: sign in
    client.force_login(alice)
    assert client.get(url).status_code == 403
    client.force_login(mod)  # a session without the second factor
    assert client.get(url).status_code in (302, 403)
    staff_login(client, mod)
    assert client.get(url).status_code == 200
    assert f'href="{url}"' in client.get("/explore/").content.decode()  # in the staff footer
    client.force_login(alice)
    assert f'href="{url}"' not in client.get("/explore/").content.decode()
