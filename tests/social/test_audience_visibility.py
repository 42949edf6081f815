"""A pending requester or a blocked account sees none of alice's followers-only photos
through any path: photo page, rendition URLs, profile, search, tag page, album, favourites,
feed, RSS feeds, the API's lists and details, comments and the viewer's own data export.

alice has one photo of each visibility (all in one public album, all favourited by her),
so her follows need approval (automatic). dave asked to follow her and waits; bob was her
follower and she blocked him; erin was her follower and blocked her. frank is an accepted
follower: the control that shows each path does carry the followers-only photo."""

import io
import zipfile

import pytest
from django.core.files.storage import default_storage
from django.test import Client

from accounts.services import token_create
from photos.samples import sample_jpeg
from photos.services import album_create, album_set_photos
from rights.services.exports import export_request
from social.audience_services import block_create, follow_request_accept
from social.models import Follow, FollowRequest
from social.services import comment_post, favourite_add, follow_create
from tests.api.conftest import ApiClient

VISIBILITIES = ["public", "followers", "private"]
WEB_LISTS = [
    "/u/alice/",
    "/search/?q=zebra",
    "/tags/zebra/",
    "album",
    "/u/alice/favourites/",
    "/",
    "/explore/",
]
FEEDS = ["/u/alice/feed/", "/tags/zebra/feed/", "album-feed"]
API_LISTS = [
    "/photos?user=alice",
    "/photos?q=zebra",
    "/photos?tag=zebra",
    "/photos?user=alice&q=zebra",
]
# What each signed-in viewer sees of alice's photos in lists and on pages. A blocked pair
# sees nothing of each other while signed in, public photos included (as on Pixelfed).
SEES = {"dave": {"public"}, "bob": set(), "erin": set(), "frank": {"public", "followers"}}


@pytest.fixture
def world(alice, bob, make_user, upload):
    dave, erin, frank = make_user("dave"), make_user("erin"), make_user("frank")
    photos = {
        vis: upload(
            alice, sample_jpeg(160, 120, seed=i), title=f"zebra {vis}", tags="zebra", visibility=vis
        )
        for i, vis in enumerate(VISIBILITIES)
    }
    album = album_create(owner=alice, title="Stripes")
    album_set_photos(actor=alice, album=album, photo_ids=[p.pk for p in photos.values()])
    for photo in photos.values():
        favourite_add(user=alice, photo_id=photo.pk)
    for member in (bob, erin, frank):
        follow_create(follower=member, followee=alice)
        follow_request_accept(followee=alice, follower=member)
    # bob, still a follower, favourites and comments on the followers-only photo.
    favourite_add(user=bob, photo_id=photos["followers"].pk)
    comment_post(author=bob, photo_id=photos["followers"].pk, body="Nice stripes")
    follow_create(follower=dave, followee=alice)
    block_create(blocker=alice, blocked=bob)
    block_create(blocker=erin, blocked=alice)
    users = {"alice": alice, "bob": bob, "dave": dave, "erin": erin, "frank": frank}
    return {"users": users, "photos": photos, "album": album}


def test_the_world_is_as_described(world):
    users = world["users"]
    assert FollowRequest.objects.filter(follower=users["dave"], state="pending").exists()
    follows = Follow.objects.filter(followee=users["alice"])
    followers = set(follows.values_list("follower__username", flat=True))
    assert followers == {"frank"}
    assert not Follow.objects.filter(follower=users["alice"]).exists()


def _web(world, viewer: str) -> Client:
    client = Client()
    client.force_login(world["users"][viewer])
    return client


def _api(world, viewer: str) -> ApiClient:
    secret = token_create(user=world["users"][viewer], name="t", scopes=["read", "write"])[1]
    return ApiClient(secret)


def _shown(html: str, photos: dict) -> set:
    return {vis for vis, photo in photos.items() if f'href="/photos/{photo.pk}/' in html}


@pytest.mark.parametrize("viewer", sorted(SEES))
@pytest.mark.parametrize("url", WEB_LISTS)
def test_web_lists_show_followers_only_photos_to_accepted_followers_only(world, viewer, url):
    url = f"/albums/{world['album'].pk}/" if url == "album" else url
    response = _web(world, viewer).get(url)
    html = response.content.decode()
    shown = _shown(html, world["photos"])
    expected = SEES[viewer]
    if url == "/explore/":
        expected = expected & {"public"}
    if url == "/" and viewer != "frank":
        expected = set()  # the feed: only people one follows
    assert shown == expected, (url, viewer)
    if viewer != "frank":
        assert "zebra followers" not in html


@pytest.mark.parametrize("viewer", ["dave", "bob", "erin"])
@pytest.mark.parametrize("url", FEEDS)
def test_rss_feeds_never_carry_followers_only_photos(world, viewer, url):
    url = f"/albums/{world['album'].pk}/feed/" if url == "album-feed" else url
    response = _web(world, viewer).get(url)
    assert response.status_code == 200
    assert "zebra followers" not in response.content.decode()


@pytest.mark.parametrize("viewer", sorted(SEES))
def test_photo_pages_and_renditions(world, viewer):
    client = _web(world, viewer)
    for visibility, photo in world["photos"].items():
        expected = 200 if visibility in SEES[viewer] else 404
        assert client.get(f"/photos/{photo.pk}/").status_code == expected, visibility
        for size in ("small", "medium", "large"):
            served = client.get(f"/r/{photo.pk}/{size}.jpg").status_code
            if visibility == "public":
                assert served == 200  # public images stay public: cookie-less, cached
            else:
                assert served == expected, (visibility, size)


@pytest.mark.parametrize("viewer", sorted(SEES))
@pytest.mark.parametrize("path", API_LISTS)
def test_api_lists(world, viewer, path):
    api = _api(world, viewer)
    base, _sep, query = path.partition("?")
    params = dict(pair.split("=") for pair in query.split("&"))
    body = api.get(base, **params).json()
    titles = {item["title"] for item in body["items"]}
    assert titles == {f"zebra {vis}" for vis in SEES[viewer]}, (path, viewer)


@pytest.mark.parametrize("viewer", sorted(SEES))
def test_api_details_album_comments_and_albums(world, viewer):
    api = _api(world, viewer)
    photos, album = world["photos"], world["album"]
    for visibility, photo in photos.items():
        expected = 200 if visibility in SEES[viewer] else 404
        assert api.get(f"/photos/{photo.pk}").status_code == expected
        assert api.get(f"/photos/{photo.pk}/comments").status_code == expected
    albums = api.get("/albums", user="alice").json()["items"]
    detail = api.get(f"/albums/{album.pk}")
    if SEES[viewer]:
        assert [a["id"] for a in albums] == [album.pk]
        ids = set(detail.json()["photo_ids"])
        assert ids == {photos[vis].pk for vis in SEES[viewer]}
    else:
        assert albums == [] and detail.status_code == 404


@pytest.mark.parametrize("viewer", ["dave", "bob", "erin"])
def test_the_viewers_own_export_holds_nothing_of_the_followers_only_photo(
    world, viewer, django_capture_on_commit_callbacks
):
    user = world["users"][viewer]
    with django_capture_on_commit_callbacks(execute=True):
        export = export_request(actor=user, user=user)
    export.refresh_from_db()
    with default_storage.open(export.file, "rb") as stored:
        archive = zipfile.ZipFile(io.BytesIO(stored.read()))
    for name in archive.namelist():
        assert b"zebra followers" not in archive.read(name), name
