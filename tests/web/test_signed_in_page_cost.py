"""Signed-in grid and photo pages: no query per card, few queries when warm, and the
cached grids and page parts (web/grid_cache.py, web/photo_parts.py, web/page_parts.py) are
never stale and never show one viewer what only another may see."""

import pytest
from django.core.cache import cache, caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.services import profile_update
from photos.models import Visibility
from social.services import comment_post, favourite_add, follow_create


def captured_sql(client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return [query["sql"] for query in captured]


def queries(client, url: str) -> int:
    return len(captured_sql(client, url))


@pytest.fixture
def site(alice, bob, make_user, upload, small_jpeg):
    """grow(n): alice uploads n photos tagged "zebra" (the second of every three
    followers-only), each favourited by bob and alice, commented on by carol (on the first);
    bob follows alice and carol."""
    carol = make_user("carol")
    follow_create(follower=bob, followee=alice)
    follow_create(follower=bob, followee=carol)
    photos = []

    def grow(n: int):
        for _ in range(n):
            i = len(photos)
            visibility = Visibility.FOLLOWERS if i % 3 == 1 else Visibility.PUBLIC
            photo = upload(
                alice, small_jpeg(seed=i), title=f"zebra {i}", tags="zebra", visibility=visibility
            )
            photos.append(photo)
            favourite_add(user=bob, photo_id=photo.pk)
            favourite_add(user=alice, photo_id=photo.pk)
            comment_post(author=carol, photo_id=photos[0].pk, body=f"comment {i}")

    return {"grow": grow, "photos": photos, "carol": carol}


def _url(name: str, site) -> str:
    return {
        "explore": "/explore/",
        "feed": "/",
        "tag": "/tags/zebra/",
        "profile": "/u/alice/",
        "photo": f"/photos/{site['photos'][-1].pk}/",
    }[name]


# Warm: session, user and the content version; the profile also reads the member (with
# whether the viewer follows them, in one query); the photo page the viewer's favourite
# (a photo every visitor may see is shared, with its count, under the content version).
WARM = {"explore": 3, "feed": 3, "tag": 3, "profile": 4, "photo": 4}


@pytest.mark.parametrize("page", sorted(WARM))
def test_cold_page_costs_the_same_queries_with_5_and_50_photos(client, bob, site, page):
    client.force_login(bob)
    site["grow"](5)
    cache.clear()
    with_five = queries(client, _url(page, site))
    site["grow"](45)
    cache.clear()
    with_fifty = queries(client, _url(page, site))
    assert with_five == with_fifty
    shown = client.get(_url(page, site)).content.decode().count('href="/photos/')
    assert shown == (2 if page == "photo" else 30)  # the photo page: "I am in this photo", large


@pytest.mark.parametrize("page", sorted(WARM))
def test_warm_page_reads_only_session_user_and_version(client, bob, site, page):
    client.force_login(bob)
    site["grow"](50)
    client.get(_url(page, site))
    sql = captured_sql(client, _url(page, site))
    assert len(sql) == WARM[page]
    # Nothing of the grid, the tags or the thread is read: it comes from the cache.
    unread = ["social_comment", "photos_tag"] + ([] if page == "photo" else ["photos_photo"])
    assert not [query for query in sql for table in unread if f'"{table}"' in query]


def test_a_new_photo_shows_on_a_warm_explore_page_at_once(client, bob, alice, site, upload):
    client.force_login(bob)
    site["grow"](3)
    client.get("/explore/")
    upload(alice, title="brand new zebra")
    assert "brand new zebra" in client.get("/explore/").content.decode()


def test_a_renamed_owner_shows_on_the_warm_cards_at_once(client, bob, alice, site):
    client.force_login(bob)
    site["grow"](3)
    assert "Alice Example" in client.get("/explore/").content.decode()
    profile_update(user=alice, display_name="Alice Renamed", bio="")
    html = client.get("/explore/").content.decode()
    assert "Alice Renamed" in html and "Alice Example" not in html


@pytest.mark.parametrize("url", ["/u/alice/", "/tags/zebra/"])
def test_a_followers_grid_is_not_shown_to_someone_who_does_not_follow(client, bob, site, url):
    site["grow"](3)
    followers_only = f'href="/photos/{site["photos"][1].pk}/'
    client.force_login(bob)
    assert followers_only in client.get(url).content.decode()  # cached for bob's class
    client.force_login(site["carol"])
    assert followers_only not in client.get(url).content.decode()


def test_the_explore_grid_built_for_one_viewer_holds_nothing_private_of_theirs(
    client, alice, bob, site
):
    site["grow"](3)
    client.force_login(alice)
    client.get("/explore/")
    client.force_login(bob)
    html = client.get("/explore/").content.decode()
    assert f'href="/photos/{site["photos"][1].pk}/' not in html  # followers-only: not explore


def test_comment_delete_buttons_are_the_viewers_own(client, alice, bob, site):
    site["grow"](2)
    photo = site["photos"][0]
    url = f"/photos/{photo.pk}/"
    button = 'class="link danger"'
    client.force_login(site["carol"])  # wrote both comments: a delete button on each
    assert client.get(url).content.decode().count(button) == 2
    client.force_login(bob)  # after carol's page was cached: none of hers
    assert client.get(url).content.decode().count(button) == 0
    comment_post(author=bob, photo_id=photo.pk, body="bob was here")
    html = client.get(url).content.decode()
    assert "bob was here" in html
    assert html.count(button) == 1  # only bob's own comment
    client.force_login(alice)  # the owner: on every comment
    assert client.get(url).content.decode().count(button) == 3


def test_a_shared_photo_page_keeps_each_viewers_favourite_and_access(client, bob, site):
    site["grow"](2)
    public, followers_only = site["photos"]
    client.force_login(bob)  # favourited both, follows alice
    assert 'class="fav on"' in client.get(f"/photos/{public.pk}/").content.decode()
    assert client.get(f"/photos/{followers_only.pk}/").status_code == 200
    client.force_login(site["carol"])  # favourited neither, does not follow alice
    assert 'class="fav on"' not in client.get(f"/photos/{public.pk}/").content.decode()
    assert client.get(f"/photos/{followers_only.pk}/").status_code == 404


def cache_reads(client, url: str, monkeypatch) -> int:
    """Reads of the default cache during one request (Django's backend, counted)."""
    backend = caches["default"]
    reads = []
    for name in ("get", "get_many"):
        original = getattr(backend, name)
        monkeypatch.setattr(
            backend, name, lambda *a, _f=original, **k: reads.append(1) or _f(*a, **k)
        )
    assert client.get(url).status_code == 200
    monkeypatch.undo()
    return len(reads)


@pytest.mark.parametrize("page", ["profile", "photo"])
def test_a_warm_page_reads_its_shared_parts_in_one_cache_entry(
    client, bob, site, page, monkeypatch
):
    """Like explore's one grid block: each cache read is a round trip and an unpickle.
    (The last of six photos is public: one entry serves every viewer with its row.)
    Explore reads one entry more: whether a signed-in viewer has a block either way, kept
    under the content version (web/grid_cache.py, explore_viewer)."""
    client.force_login(bob)
    site["grow"](6)
    for url in ("/explore/", _url(page, site)):
        client.get(url)
    assert cache_reads(client, _url(page, site), monkeypatch) == (
        cache_reads(client, "/explore/", monkeypatch) - 1
    )


def test_a_renamed_member_shows_on_their_warm_profile_at_once(client, bob, alice, site):
    client.force_login(bob)
    site["grow"](1)
    assert "<h1>Alice Example" in client.get("/u/alice/").content.decode()
    profile_update(user=alice, display_name="Alice Renamed", bio="A new bio")
    html = client.get("/u/alice/").content.decode()
    assert "<h1>Alice Renamed" in html and "A new bio" in html


def test_a_shared_profile_keeps_each_viewers_follow_button_and_token(client, alice, bob, site):
    """The "other" class is one entry for carol and any visitor; the follow form and its
    CSRF token are rendered per request."""
    site["grow"](1)
    client.force_login(site["carol"])
    first = client.get("/u/alice/").content.decode()
    assert 'action="/u/alice/follow/"' in first
    client.logout()
    anonymous = client.get("/u/alice/").content.decode()
    assert "csrfmiddlewaretoken" not in anonymous and "/follow/" not in anonymous
    client.force_login(alice)
    own = client.get("/u/alice/").content.decode()
    assert "Edit profile" in own and "Report this profile" not in own
