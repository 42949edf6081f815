"""Who may open which moderation page: anonymous visitors are sent to log in, members get
403 on moderator pages, moderators get in; the affected user's own pages and the evidence
image are theirs (and the moderators') alone."""

import pytest
from django.utils import timezone

from moderation.services.appeals import appeal_submit
from tests.moderation_fixtures import staff_login

MODERATOR_PAGES = [
    "/moderation/",
    "/moderation/audit/",
    "/moderation/cases/{case}/",
    "/moderation/cases/{case}/image/small.jpg",
    "/moderation/appeals/{appeal}/",
]


@pytest.fixture
def appealed(removed, alice):
    appeal = appeal_submit(
        decision=removed, appellant=alice, explanation="Nobody is named in my photo."
    )
    return {"case": removed.case_id, "appeal": appeal.pk, "decision": removed.pk}


@pytest.mark.parametrize("url", MODERATOR_PAGES)
def test_moderator_pages_send_anonymous_visitors_to_log_in(client, appealed, url):
    response = client.get(url.format(**appealed))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("url", MODERATOR_PAGES)
def test_moderator_pages_refuse_members_with_403(client, bob, appealed, url):
    client.force_login(bob)
    response = client.get(url.format(**appealed))
    assert response.status_code == 403
    assert "Only moderators can do this." in response.content.decode()


@pytest.mark.parametrize("url", MODERATOR_PAGES)
def test_moderators_may_open_moderator_pages(client, mod2, appealed, url):
    staff_login(client, mod2)
    response = client.get(url.format(**appealed))
    assert response.status_code == 200
    if url.endswith(".jpg"):
        assert response["Content-Type"] == "image/jpeg"
        assert b"".join(response.streaming_content)[:3] == b"\xff\xd8\xff"


def test_suspended_moderator_is_refused_with_the_reason(client, make_user, db):
    suspended = make_user(
        "mod9", role="moderator", suspended_until=timezone.now() + timezone.timedelta(days=3)
    )
    staff_login(client, suspended)
    response = client.get("/moderation/")
    assert response.status_code == 403 and "suspended until" in response.content.decode()


def test_moderation_nav_link_only_for_moderators(client, bob, mod):
    client.force_login(bob)
    assert 'href="/moderation/"' not in client.get("/explore/").content.decode()
    staff_login(client, mod)
    assert 'href="/moderation/"' in client.get("/explore/").content.decode()


def test_my_notices_needs_sign_in(client, db):
    response = client.get("/moderation/mine/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_evidence_image_only_for_the_affected_user_and_moderators(
    client, removed, alice, bob, mod2
):
    url = f"/moderation/decisions/{removed.pk}/evidence.jpg"
    assert client.get(url).status_code == 302  # log in first
    client.force_login(bob)  # the notifier is not the affected user
    assert client.get(url).status_code == 404
    for allowed in (alice, mod2):
        staff_login(client, allowed) if allowed is mod2 else client.force_login(allowed)
        response = client.get(url)
        assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
        assert b"".join(response.streaming_content)[:3] == b"\xff\xd8\xff"


def test_removed_photo_is_invisible_through_the_public_rendition_but_moderators_see_it(
    client, removed, photo, mod2
):
    staff_login(client, mod2)
    assert client.get(f"/r/{photo.pk}/small.jpg").status_code == 404
    assert client.get(f"/moderation/cases/{removed.case_id}/image/small.jpg").status_code == 200
    assert client.get(f"/moderation/cases/{removed.case_id}/image/huge.jpg").status_code == 404
