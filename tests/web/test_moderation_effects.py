"""What decisions do to pages: withheld photos answer 451 in the named countries only (the
country from settings.CANDID_COUNTRY_HEADER), sensitive photos are blurred behind a labelled
control, and restricted accounts see a banner and the services' refusals."""

import re

import pytest
from django.utils import timezone
from django.utils.html import escape

from accounts.permissions import ensure_can_act
from core.errors import PermissionDenied
from tests.web.moderation_support import WITHHOLD_DE

DE = {"HTTP_X_COUNTRY_CODE": "DE"}
FR = {"HTTP_X_COUNTRY_CODE": "FR"}


def test_withheld_photo_answers_451_in_germany_and_200_elsewhere(client, photo, report, decide):
    decide(report(photo).case, **WITHHOLD_DE)
    page = client.get(f"/photos/{photo.pk}/", **DE)
    assert page.status_code == 451
    assert "not available in your country (DE)" in page.content.decode()
    assert "stays available everywhere else" in page.content.decode()
    assert client.get(f"/photos/{photo.pk}/", **FR).status_code == 200
    assert client.get(f"/photos/{photo.pk}/").status_code == 200  # country unknown
    assert client.get(f"/r/{photo.pk}/small.jpg", **DE).status_code == 451
    rendition = client.get(f"/r/{photo.pk}/small.jpg", **FR)
    assert rendition.status_code == 200 and rendition["Cache-Control"].startswith("private")


def test_withheld_photo_is_left_out_of_lists_in_that_country_only(
    client, photo, report, decide, alice
):
    decide(report(photo).case, **WITHHOLD_DE)
    link = f'href="/photos/{photo.pk}/'
    for url in ["/explore/", "/search/?q=harbour", "/u/alice/"]:
        assert link not in client.get(url, **DE).content.decode(), url
        assert link in client.get(url, **FR).content.decode(), url


def test_country_header_name_is_configurable(client, photo, report, decide, settings):
    decide(report(photo).case, **WITHHOLD_DE)
    settings.CANDID_COUNTRY_HEADER = "HTTP_CF_IPCOUNTRY"
    assert client.get(f"/photos/{photo.pk}/", HTTP_CF_IPCOUNTRY="de").status_code == 451
    assert client.get(f"/photos/{photo.pk}/", **DE).status_code == 200


def test_sensitive_photo_is_blurred_behind_a_labelled_show_control(client, photo, report, decide):
    decide(
        report(photo).case,
        action="label_sensitive",
        rule_code="sensitive-label",
        rule_explanation="Unlabelled medical procedure.",
    )
    page = client.get(f"/photos/{photo.pk}/").content.decode()
    assert '<figure class="stage sensitive">' in page
    assert '<summary><span class="reveal-show">Sensitive content — show</span>' in page
    grid = client.get("/explore/").content.decode()
    assert re.search(r'<li class="[^"]*\bsensitive"', grid) and "Sensitive content</span>" in grid


def test_suspended_user_sees_the_banner_and_the_comment_refusal(client, photo, make_user):
    until = timezone.now() + timezone.timedelta(days=7)
    carol = make_user("carol", suspended_until=until)
    client.force_login(carol)
    page = client.get("/explore/").content.decode()
    assert "Your account is suspended until" in page and 'href="/moderation/mine/"' in page
    response = client.post(f"/photos/{photo.pk}/comments/", {"body": "Hello"})
    assert response.status_code == 400
    with pytest.raises(PermissionDenied) as refusal:
        ensure_can_act(carol)
    assert f"<li>{escape(refusal.value.message)}</li>" in response.content.decode()
    assert not photo.comments.exists()
    assert client.get("/moderation/mine/").status_code == 200


def test_terminated_user_can_still_read_my_notices(client, removed, alice):
    alice.terminated_at = timezone.now()
    alice.save(update_fields=["terminated_at"])
    client.force_login(alice)
    page = client.get("/moderation/mine/").content.decode()
    assert "Your account has been terminated." in page and removed.statement.puid in page


def test_members_in_good_standing_see_no_banner(client, bob, db):
    client.force_login(bob)
    assert "restricted-banner" not in client.get("/explore/").content.decode()
