"""The settings page (issue 17): one page, reachable from the account menu, listing every
section with a link to its page; the side list on each settings page; and deleting an
account with an empty or wrong confirmation says what is missing and deletes nothing."""

import pytest

from rights.models import ErasureRequest

pytestmark = pytest.mark.django_db

SECTION_LINKS = {
    "Profile": "/settings/profile/",
    "Account": "/settings/account/",
    "Defaults": "/settings/defaults/",
    "Notifications": "/settings/notifications/",
    "Privacy": "/settings/privacy/",
    "Other servers": "/settings/federation/",
    "Consent and AI": "/settings/consent/",
    "Your data": "/settings/data/",
    "Apps and tokens": "/settings/tokens/",
}


def test_the_settings_page_lists_every_section_with_its_link(client, alice):
    client.force_login(alice)
    response = client.get("/settings/")
    assert response.status_code == 200
    html = response.content.decode()
    for title, url in SECTION_LINKS.items():
        assert f'<h2><a href="{url}">{title}</a></h2>' in html, title
    assert "E-mail address: alice@example.org" in html
    assert "New photos: All rights reserved, Public, location hidden." in html
    assert 'href="/settings/sessions/"' in html and 'href="/settings/second-factor/"' in html


def test_the_account_menu_links_the_settings_page(client, alice):
    client.force_login(alice)
    assert '<a href="/settings/">Settings</a>' in client.get("/explore/").content.decode()


def test_the_settings_page_asks_a_visitor_to_sign_in(client):
    response = client.get("/settings/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize(
    ("url", "section"),
    [
        ("/settings/account/", "/settings/account/"),
        ("/settings/defaults/", "/settings/defaults/"),
        ("/settings/profile/", "/settings/profile/"),
        ("/settings/tokens/", "/settings/tokens/"),
        ("/settings/sessions/", "/settings/account/"),
        ("/settings/second-factor/", "/settings/account/"),
        ("/settings/consent/", "/settings/consent/"),
        ("/settings/data/", "/settings/data/"),
    ],
)
def test_each_settings_page_has_the_side_list_with_its_section_current(client, alice, url, section):
    client.force_login(alice)
    html = client.get(url).content.decode()
    nav = html[html.index('<nav class="settings-nav"') :]
    nav = nav[: nav.index("</nav>")]
    assert all(link in nav for link in SECTION_LINKS.values())
    assert nav.count('aria-current="page"') == 1
    assert f'href="{section}" aria-current="page"' in nav


def test_an_empty_delete_confirmation_says_what_is_missing_and_deletes_nothing(client, alice):
    client.force_login(alice)
    response = client.post("/settings/data/erasure/", {"confirm": "  "})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Your account was not deleted: the confirmation is empty." in html
    assert "Type your username, alice, in the box to confirm." in html
    assert 'aria-describedby="confirm_error"' in html
    assert not ErasureRequest.objects.exists()
    alice.refresh_from_db()
    assert alice.is_active


def test_a_wrong_delete_confirmation_names_what_was_typed(client, alice):
    client.force_login(alice)
    response = client.post("/settings/data/erasure/", {"confirm": "Alice"})
    assert response.status_code == 400
    assert "“Alice” is not your username" in response.content.decode()
    assert not ErasureRequest.objects.exists()


def test_the_right_confirmation_still_schedules_the_deletion(client, alice):
    client.force_login(alice)
    response = client.post("/settings/data/erasure/", {"confirm": "alice"})
    assert response.status_code == 302
    assert ErasureRequest.objects.get().state == "scheduled"


def test_the_consent_labels_read_as_whole_phrases(client, alice):
    """ "Allow aI/ML training" came from gluing "Allow " to a lower-cased purpose name."""
    client.force_login(alice)
    html = client.get("/settings/consent/").content.decode()
    assert '<label for="id_ai_training">Allow AI/ML training</label>' in html
    assert "aI/ML" not in html
    german = client.get("/settings/consent/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert '<label for="id_ai_training">KI/ML-Training erlauben</label>' in german
