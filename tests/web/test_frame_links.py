"""The page frame's links are reversed once per process, per script prefix."""

import pytest
from django.test.utils import override_script_prefix


def hrefs(page: str, *paths: str) -> bool:
    return all(f'href="{path}"' in page for path in paths)


def test_a_moderator_sees_the_frame_links(client, make_user):
    client.force_login(make_user("mia", role="moderator"))
    page = client.get("/explore/").content.decode()
    assert hrefs(page, "/moderation/", "/upload/", "/moderation/mine/", "/rules/", "/u/mia/")


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
