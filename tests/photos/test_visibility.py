"""A private photo is seen by its owner only; a followers-only photo by followers too."""

from django.contrib.auth.models import AnonymousUser

from photos.selectors import (
    explore_photos,
    photo_for_viewer,
    photos_by,
    photos_matching,
    photos_tagged,
    rendition_for_viewer,
)
from social.audience_services import follow_request_accept
from social.selectors import favourites_of, feed_for
from social.services import follow_create


def titles(queryset):
    return sorted(p.title for p in queryset)


def make_three(owner, upload):
    return {
        v: upload(owner, title=f"{v} sunset", tags="sunset", visibility=v)
        for v in ("public", "followers", "private")
    }


def test_each_selector_honours_visibility(alice, bob, make_user, upload):
    carol = make_user("carol")
    photos = make_three(alice, upload)
    follow_create(follower=bob, followee=alice)  # a request: alice has a followers-only photo
    follow_request_accept(followee=alice, follower=bob)
    anon = AnonymousUser()
    expected = {
        alice: ["followers sunset", "private sunset", "public sunset"],
        bob: ["followers sunset", "public sunset"],
        carol: ["public sunset"],
        anon: ["public sunset"],
    }
    for viewer, seen in expected.items():
        assert titles(photos_by(alice, viewer)) == seen
        assert titles(photos_tagged("sunset", viewer)) == seen
        assert titles(photos_matching("sunset", viewer)) == seen
        for visibility, photo in photos.items():
            visible = f"{visibility} sunset" in seen
            assert (photo_for_viewer(viewer, photo.pk) is not None) == visible
            assert (rendition_for_viewer(viewer, photo.pk, "small") is not None) == visible
    assert titles(feed_for(bob)) == ["followers sunset", "public sunset"]
    assert titles(explore_photos(alice)) == ["public sunset"]


def test_favourites_list_hides_photos_that_became_private(alice, bob, upload):
    from social.services import favourite_add

    photo = upload(alice, title="x")
    favourite_add(user=bob, photo_id=photo.pk)
    photo.visibility = "private"
    photo.save()
    assert list(favourites_of(bob, bob)) == []


def test_search_matches_title_description_and_tag(alice, upload):
    upload(alice, title="Harbour", description="boats at dawn", tags="sea")
    assert titles(photos_matching("harbour", alice)) == ["Harbour"]
    assert titles(photos_matching("DAWN", alice)) == ["Harbour"]
    assert titles(photos_matching("#sea", alice)) == ["Harbour"]
    assert titles(photos_matching("desert", alice)) == []
