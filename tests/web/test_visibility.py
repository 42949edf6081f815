"""A private photo never appears to anyone but its owner, and a followers-only photo only
to followers and the owner: on every page, list and image URL of the web UI."""

import pytest

from photos.models import Album
from photos.services import album_create, album_set_photos
from social.models import Follow
from social.services import favourite_add

VISIBILITIES = ["public", "followers", "private"]


@pytest.fixture
def world(alice, bob, make_user, upload, small_jpeg):
    """alice owns one photo of each visibility, in one public album and in her favourites;
    bob follows alice; carol is a stranger."""
    carol = make_user("carol")
    Follow.objects.create(follower=bob, followee=alice)
    photos = {
        vis: upload(alice, small_jpeg(seed=i), title=f"zebra {vis}", tags="zebra", visibility=vis)
        for i, vis in enumerate(VISIBILITIES)
    }
    album = album_create(owner=alice, title="All of them")
    album_set_photos(actor=alice, album=album, photo_ids=[p.pk for p in photos.values()])
    for photo in photos.values():
        favourite_add(user=alice, photo_id=photo.pk)
    return {"alice": alice, "bob": bob, "carol": carol, "photos": photos, "album": album}


EXPECTED = {
    "anonymous": {"public"},
    "carol": {"public"},
    "bob": {"public", "followers"},
    "alice": {"public", "followers", "private"},
}


def _client_for(client, world, viewer):
    if viewer != "anonymous":
        client.force_login(world[viewer])
    return client


def _shown(html: str, photos: dict) -> set:
    return {vis for vis, photo in photos.items() if f'href="/photos/{photo.pk}/' in html}


@pytest.mark.parametrize("viewer", EXPECTED)
@pytest.mark.parametrize(
    "url", ["/u/alice/", "/search/?q=zebra", "/tags/zebra/", "album", "/u/alice/favourites/"]
)
def test_lists_show_only_what_the_viewer_may_see(client, world, viewer, url):
    url = f"/albums/{world['album'].pk}/" if url == "album" else url
    html = _client_for(client, world, viewer).get(url).content.decode()
    assert _shown(html, world["photos"]) == EXPECTED[viewer]
    if viewer != "alice":
        assert "zebra private" not in html


@pytest.mark.parametrize("viewer", EXPECTED)
def test_explore_shows_only_public_photos_even_to_the_owner(client, world, viewer):
    html = _client_for(client, world, viewer).get("/explore/").content.decode()
    assert _shown(html, world["photos"]) == {"public"}


def test_feed_of_a_follower_has_followers_only_photos_but_never_private_ones(client, world):
    html = _client_for(client, world, "bob").get("/").content.decode()
    assert _shown(html, world["photos"]) == {"public", "followers"}
    stranger = _client_for(client, world, "carol").get("/").content.decode()
    assert _shown(stranger, world["photos"]) == set()


@pytest.mark.parametrize("viewer", EXPECTED)
@pytest.mark.parametrize("visibility", VISIBILITIES)
def test_photo_pages_and_renditions_answer_404_to_those_who_may_not_see(
    client, world, viewer, visibility
):
    photo = world["photos"][visibility]
    viewer_client = _client_for(client, world, viewer)
    expected = 200 if visibility in EXPECTED[viewer] else 404
    assert viewer_client.get(f"/photos/{photo.pk}/").status_code == expected
    for size in ["small", "medium", "large"]:
        assert viewer_client.get(f"/r/{photo.pk}/{size}.jpg").status_code == expected


@pytest.mark.parametrize("viewer", ["anonymous", "carol", "bob"])
def test_nobody_but_the_owner_can_favourite_or_comment_on_a_private_photo(client, world, viewer):
    private = world["photos"]["private"]
    viewer_client = _client_for(client, world, viewer)
    before = private.favourites.count()
    for action in ["favourite/", "comments/"]:
        response = viewer_client.post(f"/photos/{private.pk}/{action}", {"body": "hi"})
        assert response.status_code in (302, 404)
        assert viewer == "anonymous" or response.status_code == 404
    assert private.favourites.count() == before and not private.comments.exists()


def test_private_album_is_404_to_everyone_but_its_owner(client, world):
    album = world["album"]
    Album.objects.filter(pk=album.pk).update(visibility="private")
    for viewer in ["anonymous", "carol", "bob"]:
        client.logout()
        assert _client_for(client, world, viewer).get(f"/albums/{album.pk}/").status_code == 404
    assert "All of them" not in client.get("/u/alice/").content.decode()
    client.force_login(world["alice"])
    assert client.get(f"/albums/{album.pk}/").status_code == 200
