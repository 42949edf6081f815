"""Moderators at speed (issue 17): the queue's filters and search, claims, "next case", the
decision form pre-filled from the notices with the rule's statement template, bulk
decisions on copies of a photo or a wave of notices, the evidence shown before deciding,
and who may do each."""

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from core.events import Event
from moderation.evidence import reset_photo_index
from moderation.models import Case, Decision, Notice, StatementOfReasons, StatementTemplate
from moderation.services.appeals import appeal_submit
from moderation.services.claims import case_claim
from moderation.services.statement_templates import statement_template_set
from photos.samples import sample_jpeg
from tests.moderation_fixtures import staff_login
from tests.web.test_moderation_decisions import REMOVE_FORM

ILLEGAL = {"ground": "illegal", "country": "DE", "law": "§185 StGB", "good_faith": True}


@pytest.fixture(autouse=True)
def fresh_photo_index():
    reset_photo_index()
    yield
    reset_photo_index()


def listed(client, query: str = "") -> set[int]:
    page = client.get(f"/moderation/{query}").content.decode()
    return {
        int(n) for n in re.findall(r'href="/moderation/cases/(\d+)/[^"]*" data-case-link', page)
    }


@pytest.fixture
def photos(alice, upload):
    def make(n: int, owner=None):
        return [
            upload(owner or alice, sample_jpeg(400, 300, seed=70 + i), title=f"Photo {i}")
            for i in range(n)
        ]

    return make


def test_each_filter_narrows_the_queue(client, mod, bob, photos, report):
    rules, insult, privacy, api, trusted, austria = photos(6)
    rules = report(rules).case
    insult = report(insult, **ILLEGAL, category="STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH").case
    privacy = report(privacy, **{**ILLEGAL, "law": "§201a StGB"}).case
    api = report(api, channel=Notice.Channel.API).case
    trusted = report(trusted, notifier_type=Notice.NotifierType.TRUSTED_FLAGGER).case
    austria = report(austria, **{**ILLEGAL, "country": "AT"}).case
    staff_login(client, mod)
    everything = {rules.pk, insult.pk, privacy.pk, api.pk, trusted.pk, austria.pk}
    assert listed(client) == everything
    assert listed(client, "?ground=illegal") == {insult.pk, privacy.pk, austria.pk}
    assert listed(client, "?ground=rules") == {rules.pk, api.pk, trusted.pk}
    assert listed(client, "?law=201a") == {privacy.pk}
    assert listed(client, "?country=at") == {austria.pk}
    assert listed(client, "?channel=api") == {api.pk}
    assert listed(client, "?trusted=1") == {trusted.pk}
    assert listed(client, "?ground=illegal&country=DE") == {insult.pk, privacy.pk}
    assert listed(client, "?ground=nonsense") == everything  # unknown values mean "any"


def test_deadline_status_and_appealed_filters(client, mod, photos, report, decide, alice):
    late, soon, later, decided = (report(p).case for p in photos(4))
    now = timezone.now()
    Case.objects.filter(pk=late.pk).update(deadline_at=now - timedelta(hours=1))
    Case.objects.filter(pk=soon.pk).update(deadline_at=now + timedelta(hours=1))
    Case.objects.filter(pk=later.pk).update(deadline_at=now + timedelta(days=30))
    decision = decide(decided)
    appeal_submit(decision=decision, appellant=alice, explanation="This is my own photo, really.")
    staff_login(client, mod)
    assert listed(client, "?deadline=overdue") == {late.pk}
    assert listed(client, "?deadline=soon") == {soon.pk}
    assert listed(client, "?deadline=on_time") == {later.pk}
    assert listed(client, "?appealed=1") == {decided.pk}
    assert listed(client, "?status=appealed") == {decided.pk}
    assert listed(client, "?status=open") == {late.pk, soon.pk, later.pk}


def test_search_finds_notice_text_photo_title_and_owner(
    client, mod, make_user, upload, photos, report
):
    carol = make_user("carol")
    by_text, by_title = photos(2)
    by_text = report(by_text, explanation="A lighthouse keeper is named here.").case
    by_title = report(by_title).case
    Case.objects.filter(pk=by_title.pk).update()  # (titles: "Photo 0", "Photo 1")
    by_owner = report(upload(carol, sample_jpeg(300, 200, seed=99), title="Dunes")).case
    staff_login(client, mod)
    assert listed(client, "?q=lighthouse") == {by_text.pk}
    assert listed(client, "?q=photo 1") == {by_title.pk}
    assert listed(client, "?q=CAROL") == {by_owner.pk}
    assert listed(client, "?q=nothing-like-this") == set()
    assert "No case matches this filter." in client.get("/moderation/?q=zzz").content.decode()


def test_filtered_queue_is_keyset_paged_and_keeps_its_filter(client, mod, photos, report):
    from web import keyset_pagination

    cases = [report(p).case for p in photos(4)]
    staff_login(client, mod)
    page_size, keyset_pagination.PER_PAGE = keyset_pagination.PER_PAGE, 3
    try:
        first = client.get("/moderation/?ground=rules").content.decode()
        link = re.search(r'href="(\?[^"]*cursor=[^"]*)" rel="next"', first).group(1)
        assert "ground=rules" in link
        second = listed(client, link.replace("&amp;", "&"))
    finally:
        keyset_pagination.PER_PAGE = page_size
    assert second == {cases[-1].pk}


def test_a_claim_is_logged_shown_to_others_and_runs_out(client, mod, mod2, photos, report):
    case = report(photos(1)[0]).case
    staff_login(client, mod)
    response = client.post(f"/moderation/cases/{case.pk}/claim/")
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.claimed_by == mod and case.claimed_until > timezone.now()
    assert Event.objects.filter(kind="casework.case_claimed", actor_id=mod.pk).exists()
    assert listed(client, "?claim=mine") == {case.pk}

    staff_login(client, mod2)
    assert "Claimed by mod1" in client.get("/moderation/").content.decode()
    page = client.get(f"/moderation/cases/{case.pk}/").content.decode()
    assert "mod1 is working on this case" in page
    client.post(f"/moderation/cases/{case.pk}/claim/")
    case.refresh_from_db()
    assert case.claimed_by == mod  # refused while mod's claim runs
    assert listed(client, "?claim=mine") == set()
    assert listed(client, "?claim=unclaimed") == set()

    Case.objects.filter(pk=case.pk).update(claimed_until=timezone.now() - timedelta(minutes=1))
    cache.clear()  # the queue's cached parts follow the clock by the minute
    assert listed(client, "?claim=unclaimed") == {case.pk}
    client.post(f"/moderation/cases/{case.pk}/claim/")
    case.refresh_from_db()
    assert case.claimed_by == mod2


def test_release_gives_the_claim_back(client, mod, mod2, photos, report):
    case = report(photos(1)[0]).case
    case_claim(case=case, moderator=mod)
    staff_login(client, mod2)
    client.post(f"/moderation/cases/{case.pk}/release/")  # not theirs: refused
    case.refresh_from_db()
    assert case.claimed_by == mod
    staff_login(client, mod)
    client.post(f"/moderation/cases/{case.pk}/release/")
    case.refresh_from_db()
    assert case.claimed_by is None
    assert Event.objects.filter(kind="casework.case_released").count() == 1


def test_after_a_decision_the_next_case_of_the_filtered_queue_opens(
    client, mod, mod2, make_user, upload, photos, report
):
    first, claimed, illegal, own, last = photos(5)
    first, claimed = report(first).case, report(claimed).case
    report(illegal, **ILLEGAL, category="STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH")
    own = report(upload(mod, sample_jpeg(300, 200, seed=5), title="Mine")).case
    last = report(last).case
    case_claim(case=claimed, moderator=mod2)
    staff_login(client, mod)
    first.refresh_from_db()
    data = {**REMOVE_FORM, "expected_version": first.version, "queue": "ground=rules"}
    response = client.post(f"/moderation/cases/{first.pk}/", data)
    # Skipped: claimed by mod2, about illegal content (filtered out), mod's own photo.
    assert response.status_code == 302
    assert response["Location"] == f"/moderation/cases/{last.pk}/?ground=rules"
    assert own.pk != last.pk
    response = client.get("/moderation/next/?ground=illegal")
    assert response["Location"].startswith("/moderation/cases/")
    assert response["Location"].endswith("/?ground=illegal")


def test_next_from_a_case_page_skips_that_case(client, mod, photos, report):
    first, second = (report(p).case for p in photos(2))
    staff_login(client, mod)
    page = client.get(f"/moderation/cases/{first.pk}/?ground=rules").content.decode()
    assert f'href="/moderation/next/?ground=rules&amp;after={first.pk}"' in page
    response = client.get(f"/moderation/next/?ground=rules&after={first.pk}")
    assert response["Location"] == f"/moderation/cases/{second.pk}/?ground=rules"


def test_the_last_decision_stays_on_its_case(client, mod, photos, report):
    case = report(photos(1)[0]).case
    staff_login(client, mod)
    data = {**REMOVE_FORM, "expected_version": case.version}
    response = client.post(f"/moderation/cases/{case.pk}/", data, follow=True)
    page = response.content.decode()
    assert "The decision is saved." in page and "No other case waits in this queue." in page
    assert client.get("/moderation/next/")["Location"] == "/moderation/"


def field_value(page: str, name: str) -> str:
    textarea = re.search(rf'<textarea name="{name}"[^>]*>\s*(.*?)</textarea>', page, re.S)
    if textarea:
        return textarea.group(1).strip()
    found = re.search(rf'<input type="text" name="{name}" value="([^"]*)"', page)
    return found.group(1) if found else ""


def test_the_decision_form_starts_from_the_notices(client, mod, photos, report):
    photo = photos(1)[0]
    notice = report(photo, **ILLEGAL, category="STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH")
    report(photo, **{**ILLEGAL, "country": "AT", "law": "§115 StGB"})
    staff_login(client, mod)
    page = client.get(f"/moderation/cases/{notice.case_id}/").content.decode()
    assert re.search(r'value="illegal"[^>]*checked', page)
    assert field_value(page, "legal_ground") == "§185 StGB (DE); §115 StGB (AT)"
    assert field_value(page, "countries") == "DE, AT"
    assert re.search(
        r'<option value="STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH" selected>', page
    )


def test_a_rules_notice_preselects_its_rule_and_shows_the_template(
    client, mod, mod3, photos, report
):
    statement_template_set(
        actor=mod3, rule_code="harassment", text="The photo singles out a person to mock them."
    )
    notice = report(photos(1)[0])
    staff_login(client, mod)
    page = client.get(f"/moderation/cases/{notice.case_id}/").content.decode()
    assert re.search(r'value="rules"[^>]*checked', page)
    assert '<option value="harassment" selected>' in page
    assert field_value(page, "rule_explanation") == "The photo singles out a person to mock them."
    assert 'id="statement-templates"' in page  # for switching rules in the form


def test_a_template_is_never_sent_unseen(client, mod, mod3, photos, report):
    statement_template_set(actor=mod3, rule_code="harassment", text="Template wording here.")
    case = report(photos(1)[0]).case
    staff_login(client, mod)
    data = {**REMOVE_FORM, "rule_explanation": "", "expected_version": case.version}
    response = client.post(f"/moderation/cases/{case.pk}/", data)
    assert response.status_code == 400  # an empty explanation is not filled in behind the scenes
    assert not Decision.objects.exists()
    data["rule_explanation"] = "Template wording here, edited: names the neighbour."
    client.post(f"/moderation/cases/{case.pk}/", data)
    assert Decision.objects.get().rule_explanation == data["rule_explanation"]


def test_withholding_keeps_the_prefilled_countries_a_removal_drops_them(
    client, mod, photos, report
):
    case = report(
        photos(1)[0], **ILLEGAL, category="STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH"
    ).case
    staff_login(client, mod)
    data = {
        **REMOVE_FORM,
        "ground": "illegal",
        "category": "STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH",
        "legal_ground": "§185 StGB (DE)",
        "legal_explanation": "An insult under German law.",
        "countries": "DE",
        "expected_version": case.version,
    }
    client.post(f"/moderation/cases/{case.pk}/", data)
    assert Decision.objects.get().territorial_scope == []


def test_only_admins_edit_templates(client, mod, mod3, alice):
    staff_login(client, mod)
    assert client.get("/moderation/templates/").status_code == 200
    response = client.post("/moderation/templates/", {"rule_code": "harassment", "text": "x y"})
    assert response.status_code == 403 and not StatementTemplate.objects.exists()
    staff_login(client, mod3)
    client.post("/moderation/templates/", {"rule_code": "harassment", "text": "Mocks a person."})
    assert StatementTemplate.objects.get(rule_code="harassment").text == "Mocks a person."
    assert Event.objects.filter(kind="casework.template_set", actor_id=mod3.pk).exists()
    client.post("/moderation/templates/", {"rule_code": "no-such-rule", "text": "Whatever."})
    assert StatementTemplate.objects.count() == 1
    assert "Mocks a person." in client.get("/moderation/templates/").content.decode()
    client.force_login(alice)
    assert client.get("/moderation/templates/").status_code == 403


def test_bulk_decision_on_the_same_photo_one_statement_per_person(
    client, mod, alice, make_user, upload, report, django_capture_on_commit_callbacks
):
    carol = make_user("carol")
    same = sample_jpeg(500, 400, seed=33)
    original = upload(alice, same, title="Original")
    copy = upload(carol, same, title="Copy")
    first, second = report(original).case, report(copy).case
    staff_login(client, mod)
    page = client.get(f"/moderation/cases/{first.pk}/").content.decode()
    assert f"Case {second.pk}: the same photo, uploaded again" in page
    data = {
        **REMOVE_FORM,
        "expected_version": first.version,
        "also": [f"{second.pk}:{second.version}"],
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/moderation/cases/{first.pk}/", data, follow=True)
    assert f"The same decision is saved for cases {second.pk}." in response.content.decode()
    decisions = Decision.objects.order_by("case_id")
    assert [d.case_id for d in decisions] == [first.pk, second.pk]
    assert {d.facts for d in decisions} == {REMOVE_FORM["facts"]}
    statements = StatementOfReasons.objects.order_by("decision__case_id")
    assert [s.recipient for s in statements] == [alice, carol]
    # Each case logged on its own (the transparency reports count from these events).
    for kind in ("moderation.decision_applied", "moderation.statement_sent"):
        subjects = Event.objects.filter(kind=kind).values_list("subject_id", flat=True)
        assert sorted(subjects) == sorted({*subjects}) and len(subjects) == 2, kind


def test_bulk_over_a_wave_is_all_or_nothing(client, mod, make_user, upload, photos, report):
    wave = photos(2)
    first, second = report(wave[0]).case, report(wave[1]).case
    staff_login(client, mod)
    page = client.get(f"/moderation/cases/{first.pk}/").content.decode()
    assert f"Case {second.pk}: reported in the same wave of notices" in page
    stale = second.version
    report(wave[1], explanation="A second notice joins the case meanwhile.")
    data = {**REMOVE_FORM, "expected_version": first.version, "also": [f"{second.pk}:{stale}"]}
    response = client.post(f"/moderation/cases/{first.pk}/", data)
    assert response.status_code == 409
    assert not Decision.objects.exists()  # neither case is decided


def test_evidence_before_deciding(client, mod, mod2, alice, make_user, upload, report, decide):
    carol = make_user("carol")
    earlier = upload(carol, sample_jpeg(1200, 900, seed=44), title="Carol's lighthouse")
    reupload = upload(alice, sample_jpeg(1200, 900, seed=44, quality=60), title="My lighthouse")
    decide(report(upload(alice, sample_jpeg(300, 200, seed=3), title="Older")).case)
    case = report(reupload).case
    staff_login(client, mod2)
    page = client.get(f"/moderation/cases/{case.pk}/").content.decode()
    assert f'href="/photos/{reupload.pk}/"' in page  # the item itself
    assert f"/moderation/cases/{case.pk}/image/full.jpg" in page
    assert client.get(f"/moderation/cases/{case.pk}/image/full.jpg").status_code == 200
    assert "Uploaded" in page and "Camera (EXIF)" in page
    assert "1 active strike" in page  # shown before deciding
    matches = page[page.index("Copies among Candid") :]
    assert "Carol&#x27;s lighthouse" in matches and "carol" in matches
    assert "likely original" in matches and "PDQ distance" in matches
    assert "This photo is the earliest upload" not in matches
    assert f'href="/photos/{earlier.pk}/"' in matches


def test_only_moderators_reach_the_new_pages(client, alice, photos, report):
    case = report(photos(1)[0]).case
    client.force_login(alice)
    for url in ("/moderation/?ground=rules", "/moderation/next/", "/moderation/templates/"):
        assert client.get(url).status_code == 403, url
    assert client.post(f"/moderation/cases/{case.pk}/claim/").status_code == 403
    case.refresh_from_db()
    assert case.claimed_by is None
    client.logout()
    assert client.get("/moderation/next/").status_code == 302  # to log in


def test_bulk_cannot_decide_a_moderators_own_content(client, mod, upload, report, photos):
    same = sample_jpeg(500, 400, seed=35)
    theirs = report(upload(photos(1)[0].owner, same, title="Theirs")).case
    own = report(upload(mod, same, title="Mine too")).case
    staff_login(client, mod)
    data = {**REMOVE_FORM, "expected_version": theirs.version, "also": [f"{own.pk}:{own.version}"]}
    response = client.post(f"/moderation/cases/{theirs.pk}/", data)
    assert response.status_code == 400
    assert f"Case {own.pk}: You cannot decide a case about your own content." in (
        response.content.decode().replace("&#x27;", "'")
    )
    assert not Decision.objects.exists()


def test_report_form_country_is_a_typeable_picker(client, photos):
    photo = photos(1)[0]
    page = client.get(f"/report/?type=photo&id={photo.pk}").content.decode()
    assert 'list="report-countries"' in page and '<datalist id="report-countries">' in page
    assert '<option value="DE">Germany</option>' in page
    german = client.get(f"/report/?type=photo&id={photo.pk}", HTTP_ACCEPT_LANGUAGE="de")
    assert '<option value="DE">Deutschland</option>' in german.content.decode()
    data = {
        "target_type": "photo",
        "target_id": photo.pk,
        "ground": "illegal",
        "country": "de",  # typed, not picked
        "law": "§185 StGB",
        "good_faith": "on",
        "explanation": "An insult under German law.",
        "name": "Eve",
        "email": "eve@example.org",
    }
    response = client.post("/report/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Notice.objects.get().country == "DE"


def test_queue_and_case_speak_german(client, mod, photos, report):
    case = report(photos(1)[0]).case
    staff_login(client, mod)
    queue = client.get("/moderation/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    for german in ("Filtern und suchen", "Tastenkürzel", "Nur vertrauenswürdige Hinweisgeber"):
        assert german in queue, german
    page = client.get(f"/moderation/cases/{case.pk}/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    for german in (
        "Fall übernehmen",
        "Kopien unter den Fotos auf Candid",
        "Keine aktiven Verwarnungen.",
    ):
        assert german in page, german
