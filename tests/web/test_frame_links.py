"""The page frame's links are reversed once per process, per script prefix."""

import pytest
from django.test.utils import override_script_prefix

from tests.moderation_fixtures import staff_login


def hrefs(page: str, *paths: str) -> bool:
    return all(f'href="{path}"' in page for path in paths)


def test_a_moderator_sees_the_frame_links(client, make_user):
    staff_login(client, make_user("mia", role="moderator"))
    page = client.get("/explore/").content.decode()
    assert hrefs(page, "/moderation/", "/upload/", "/moderation/mine/", "/rules/", "/u/mia/")


def test_the_links_are_reversed_once_not_on_every_page(client, alice, monkeypatch):
    from web import context_processors

    reversed_names = []
    original = context_processors.reverse
    monkeypatch.setattr(
        context_processors, "reverse", lambda name: reversed_names.append(name) or original(name)
    )
    context_processors._reversed.cache_clear()
    client.force_login(alice)
    for _ in range(3):
        assert client.get("/explore/").status_code == 200
    assert sorted(reversed_names) == sorted(context_processors.FRAME_LINKS)


def test_a_visitor_sees_sign_up_and_log_in_but_no_moderation(client, db):
    page = client.get("/explore/").content.decode()
    assert hrefs(page, "/accounts/login/", "/accounts/signup/", "/report/")
    assert 'href="/moderation/"' not in page


@pytest.mark.parametrize("prefix", ["/candid", ""])
def test_links_follow_the_script_prefix_candid_is_served_under(client, alice, prefix):
    client.force_login(alice)  # signed in: no whole-page cache
    with override_script_prefix(f"{prefix}/"):
        page = client.get("/explore/").content.decode()
    assert hrefs(page, f"{prefix}/explore/", f"{prefix}/upload/", f"{prefix}/u/alice/")
