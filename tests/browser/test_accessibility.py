"""axe-core in Debian's Chromium over every main page, signed out, as a member and as a
moderator, in English and German: no violation of WCAG 2.2 level A or AA that axe can find.

One browser for the session (conftest), one context a role and language; the community is
made once a test through the real services. Each page is checked as it loads, with the
status it should have and in the language asked for, so an error page cannot pass for it.
"""

import pytest
from django.db import connection
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from moderation.models import Appeal
from tests.browser.accessibility_support import axe_violations, community, describe, sign_in
from tests.moderation_fixtures import current_code


def public_pages(c) -> list[str]:
    photo = c.photo.pk
    return [
        reverse("home"),
        reverse("explore"),
        reverse("tag", args=["harbour"]),
        reverse("search") + "?q=harbour",
        reverse("photo", args=[photo]),
        reverse("profile", args=["alice"]),
        reverse("favourites", args=["bob"]),
        reverse("album", args=[c.album.pk]),
        reverse("report") + f"?type=photo&id={photo}",
        reverse("rules"),
        reverse("transparency"),
        reverse("transparency_log"),
        reverse("tdm_policy"),
        reverse("dataset_check"),
    ]


def visitor_pages(c) -> list[str]:
    return [
        reverse("signup"),
        reverse("login"),
        reverse("password_reset"),
    ]


def member_pages(c) -> list[str]:
    return [
        reverse("upload"),
        reverse("organise"),
        reverse("photo_edit", args=[c.photo.pk]),
        reverse("album_new"),
        reverse("album_edit", args=[c.album.pk]),
        reverse("settings_index"),
        reverse("account_settings"),
        reverse("upload_defaults"),
        reverse("consent_settings"),
        reverse("your_data"),
        reverse("profile_settings"),
        reverse("tokens"),
        reverse("second_factor"),
        reverse("sessions"),
        reverse("apps"),
        reverse("moderation_mine"),
        reverse("appeal_new", args=[c.appealable.pk]),
        reverse("photo_delete", args=[c.photo.pk]),
        reverse("album_delete", args=[c.album.pk]),
        reverse("consent_withdraw"),
        reverse("app_new"),
        reverse("photo", args=[c.bobs.pk]),  # someone else's: favourite, comment, report
        reverse("profile", args=["bob"]),  # follow
        reverse("depicted_new", args=[c.bobs.pk]),
    ]


def moderator_pages(c) -> list[str]:
    appeal = Appeal.objects.get(decision=c.appealed)
    return [
        reverse("moderation_queue"),
        reverse("moderation_case", args=[c.open_case.pk]),
        reverse("moderation_case", args=[c.appealed.case_id]),
        reverse("moderation_appeal", args=[appeal.pk]),
        reverse("moderation_audit"),
        reverse("depicted_list"),
        reverse("moderation_mine"),
        reverse("second_factor"),
    ]


def invalid_forms(role: str, c) -> list[tuple[str, str]]:
    """Forms sent empty (the browser's own checks off), to check the page with its errors:
    (page, the form's CSS selector)."""
    appeal = Appeal.objects.get(decision=c.appealed)
    return {
        "visitor": [
            (reverse("signup"), "main form"),
            (reverse("login"), "main form"),
            (reverse("report") + f"?type=photo&id={c.photo.pk}", "main form"),
        ],
        "member": [
            (reverse("upload"), "main form"),
            (reverse("appeal_new", args=[c.appealable.pk]), "main form"),
            (reverse("album_new"), "main form"),
            (reverse("account_settings"), "main form[action$='/password/']"),
            (reverse("your_data"), "main form#erasure-form"),
        ],
        "moderator": [
            (reverse("moderation_case", args=[c.open_case.pk]), "form.decision-form"),
            (reverse("moderation_appeal", args=[appeal.pk]), "main form.form"),
        ],
    }[role]


PAGES = {
    "visitor": (None, [public_pages, visitor_pages]),
    "member": ("alice", [public_pages, member_pages]),
    "moderator": ("mod", [public_pages, moderator_pages]),
}

# The markup is the same on both databases: the matrix runs once, on SQLite, to keep
# `make test` fast (see README, Tests).
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="same pages on PostgreSQL"),
]


@pytest.mark.parametrize("role", ["visitor", "member", "moderator"])
def test_main_pages_have_no_wcag_2_2_aa_violations(
    role, browser, live_server, transactional_db, make_user, upload
):
    c = community(make_user, upload)
    found, wrong = [], []
    for lang in ("en", "de"):
        context = browser.new_context(
            base_url=live_server.url, locale=lang, viewport={"width": 1280, "height": 900}
        )
        context.set_default_timeout(15_000)
        try:
            check_pages(context, live_server.url, role, lang, c, found, wrong)
            if role == "moderator":
                check_second_factor_pages(browser, live_server.url, lang, c, found, wrong)
        finally:
            context.close()
    assert not wrong, "pages that did not load as expected:\n" + "\n".join(wrong)
    assert not found, f"{len(found)} axe violations ({role}):\n" + "\n".join(found)


def check_pages(context, url: str, role: str, lang: str, c, found: list, wrong: list) -> None:
    who, groups = PAGES[role]
    if who:
        sign_in(context, url, getattr(c, who))
    page = context.new_page()
    urls = [url for group in groups for url in group(c)]
    urls += [f"{url}?lang={lang}" for url in _report_pages(page)]
    for url in urls:
        response = page.goto(url)
        if problem := _unexpected(page, response, (200,), lang):
            wrong.append(f"[{lang}] {url}: {problem}")
            continue
        found += describe(f"[{lang}] {url}", axe_violations(page))
    for url, form in invalid_forms(role, c):
        page.goto(url)
        response = _send_empty(page, form)
        if problem := _unexpected(page, response, (200, 400), lang, invalid=True):
            wrong.append(f"[{lang}] {url} sent empty: {problem}")
            continue
        found += describe(f"[{lang}] {url} (sent empty)", axe_violations(page))
    if who:  # the account menu, open (it would cover the page's own links)
        page.goto("/")
        page.locator("details.menu > summary").click()
        found += describe(f"[{lang}] account menu", axe_violations(page, "details.menu"))
    response = page.goto("/no-such-page/")
    if problem := _unexpected(page, response, (404,), lang):
        wrong.append(f"[{lang}] /no-such-page/: {problem}")
    found += describe(f"[{lang}] 404", axe_violations(page))


def check_second_factor_pages(browser, url: str, lang: str, c, found: list, wrong: list) -> None:
    """A moderator's session before the second factor: the code page (empty and with an
    error); one without an authenticator: the set-up page and the recovery codes."""
    TOTPDevice.objects.filter(user=c.mod2).delete()  # set up again in each language
    StaticDevice.objects.filter(user=c.mod2).delete()
    for user, path in ((c.mod, "second_factor_verify"), (c.mod2, "second_factor_setup")):
        context = browser.new_context(base_url=url, locale=lang)
        try:
            sign_in(context, url, user, confirmed=False)
            page = context.new_page()
            where = f"[{lang}] {path}"
            response = page.goto(reverse(path))
            if problem := _unexpected(page, response, (200,), lang):
                wrong.append(f"{where}: {problem}")
            found += describe(where, axe_violations(page))
            response = _send_empty(page, "main form")
            if problem := _unexpected(page, response, (400,), lang, invalid=True):
                wrong.append(f"{where} sent empty: {problem}")
            found += describe(f"{where} (sent empty)", axe_violations(page))
            if user == c.mod2:
                device = TOTPDevice.objects.get(user=user)
                page.locator("main form input[name=code]").fill(current_code(device))
                with page.expect_navigation():
                    page.locator("main form button[type=submit]").click()
                if not page.locator(".recovery-codes").count():
                    wrong.append(f"{where}: no recovery codes after a right code")
                found += describe(f"[{lang}] recovery codes", axe_violations(page))
        finally:
            context.close()


def _unexpected(page, response, statuses: tuple, lang: str, invalid: bool = False) -> str:
    """Why this is not the page to check (an error page, the wrong language, a form sent
    empty that shows no error), or ""."""
    page_lang = page.locator("html").get_attribute("lang")
    if response.status not in statuses or page_lang != lang:
        return f"status {response.status}, lang {page_lang}"
    if invalid and not page.locator("[aria-invalid=true]").count():
        return "no field is marked invalid"
    return ""


def _send_empty(page, selector: str):
    """Clears the form's text fields and sends it, past the browser's own checks."""
    form = page.locator(selector).first
    form.locator(
        "input[type=text], input[type=email], input[type=password], textarea"
    ).evaluate_all("fields => fields.forEach(field => { field.value = ''; })")
    with page.expect_navigation() as navigation:
        form.evaluate("f => { f.noValidate = true; f.requestSubmit(); }")
    return navigation.value


def _report_pages(page) -> list[str]:
    """The first DSA and NetzDG report the transparency index links to."""
    page.goto(reverse("transparency"))
    return [
        page.locator(f"a[href*='/transparency/reports/{kind}/'][href$='/']").first.get_attribute(
            "href"
        )
        for kind in ("dsa", "netzdg")
    ]
