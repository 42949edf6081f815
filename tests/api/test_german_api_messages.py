"""The API answers a German caller (Accept-Language: de) in German: the community rules in
their German wording, "not found" details of the moderation and notices routers, and a
refused state change (issue 15)."""

from moderation.models import Rule
from moderation.selectors import ruleset_in_force
from tests.moderation_fixtures import decide, mod, photo, report  # noqa: F401

GERMAN = {"Accept-Language": "de"}


def german(client):
    client.headers = {**client.headers, **GERMAN}
    return client


def test_rules_come_in_the_callers_language(db, api):
    harassment = Rule.objects.get(ruleset=ruleset_in_force(), code="harassment")
    german_text = harassment.texts.get(language="de")
    english = {r["code"]: r for r in api().get("/rules").json()["rules"]}
    deutsch = {r["code"]: r for r in german(api()).get("/rules").json()["rules"]}
    assert english["harassment"]["title"] == harassment.title
    assert deutsch["harassment"]["title"] == german_text.title != harassment.title
    assert deutsch["harassment"]["text"] == german_text.text


def test_moderation_not_found_is_german(api, mod):  # noqa: F811
    moderator = german(api(mod))
    case = moderator.get("/moderation/cases/999999")
    assert (case.status_code, case.json()["detail"]) == (404, "Diesen Fall gibt es nicht.")
    decision = moderator.post("/moderation/decisions/999999/approve")
    assert decision.status_code == 404
    assert decision.json()["detail"] == "Diese Entscheidung gibt es nicht."


def test_appeal_against_a_missing_decision_is_refused_in_german(api, alice):
    response = german(api(alice)).post(
        "/decisions/999999/appeals", {"explanation": "Das Foto verstößt gegen nichts."}
    )
    assert response.status_code == 404
    assert response.json()["detail"] == "Diese Entscheidung gibt es nicht."


def test_courts_hint_in_a_statement_is_german(api, alice, photo, report, decide):  # noqa: F811
    decide(report(photo).case)
    statements = german(api(alice)).get("/me/statements").json()["items"]
    courts = statements[0]["how_to_appeal"]["courts"]
    assert courts == "Sie können die Sache auch vor das zuständige Gericht bringen."


def test_a_statement_cites_the_rule_in_the_callers_language(
    api,
    alice,
    photo,  # noqa: F811
    report,  # noqa: F811
    decide,  # noqa: F811
):
    decide(report(photo).case)
    german_title = (
        Rule.objects.get(ruleset=ruleset_in_force(), code="harassment")
        .texts.get(language="de")
        .title
    )
    statement = german(api(alice)).get("/me/statements").json()["items"][0]
    assert statement["rule"]["title"] == german_title
    english = api(alice).get("/me/statements").json()["items"][0]
    assert english["rule"]["title"] != german_title
