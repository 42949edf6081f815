"""Follows, favourites and comments through the API."""

from core.models import Event
from social.models import Comment, Favourite, Follow
from social.services import comment_post, favourite_add, follow_create


def test_follow_and_unfollow(alice, bob, api):
    response = api(bob).post("/users/alice/follow")
    assert response.status_code == 200
    assert response.json()["followed_by_you"] is True
    assert response.json()["counts"]["followers"] == 1
    assert Follow.objects.filter(follower=bob, followee=alice).exists()
    assert api(bob).post("/users/alice/follow").status_code == 200
    assert Follow.objects.count() == 1
    assert api(bob).delete("/users/alice/follow").status_code == 204
    assert not Follow.objects.exists()
    assert Event.objects.filter(kind="follow.deleted").count() == 1


def test_following_yourself_is_refused(alice, api):
    response = api(alice).post("/users/alice/follow")
    assert response.status_code == 400
    assert response.json()["detail"] == "You cannot follow yourself."
    assert not Follow.objects.exists()


def test_following_unknown_user_answers_404(alice, api):
    assert api(alice).post("/users/nobody/follow").status_code == 404


def test_followers_and_following_lists(alice, bob, make_user, api):
    carol = make_user("carol")
    follow_create(follower=bob, followee=alice)
    follow_create(follower=carol, followee=alice)
    followers = api().get("/users/alice/followers").json()
    assert [u["username"] for u in followers["items"]] == ["carol", "bob"]
    assert followers["next"] is None
    following = api().get("/users/bob/following").json()
    assert [u["username"] for u in following["items"]] == ["alice"]
    assert following["items"][0]["display_name"] == "Alice Example"


def test_favourite_and_unfavourite(alice, bob, api, upload):
    photo = upload(alice)
    response = api(bob).post(f"/photos/{photo.pk}/favourite")
    assert response.status_code == 200
    assert response.json() == {"photo_id": photo.pk, "favourited": True, "favourite_count": 1}
    detail = api(bob).get(f"/photos/{photo.pk}").json()
    assert detail["favourited"] is True and detail["favourite_count"] == 1
    assert api(bob).delete(f"/photos/{photo.pk}/favourite").status_code == 204
    assert not Favourite.objects.exists()


def test_comment_list_and_post(alice, bob, api, upload):
    photo = upload(alice)
    comment_post(author=alice, photo_id=photo.pk, body="First!")
    response = api(bob).post(f"/photos/{photo.pk}/comments", {"body": "  <b>Lovely</b>  "})
    assert response.status_code == 201
    body = response.json()
    assert body["body"] == "<b>Lovely</b>"
    assert body["author"]["username"] == "bob" and body["photo_id"] == photo.pk
    listed = api().get(f"/photos/{photo.pk}/comments").json()
    assert [c["body"] for c in listed["items"]] == ["First!", "<b>Lovely</b>"]


def test_empty_or_overlong_comment_is_refused(alice, api, upload):
    photo = upload(alice)
    for text in ("", "   ", "x" * 2001):
        response = api(alice).post(f"/photos/{photo.pk}/comments", {"body": text})
        assert response.status_code in (400, 422)
        assert response.json()["detail"]
    assert not Comment.objects.exists()


def test_comment_author_and_photo_owner_may_delete_comments(alice, bob, api, upload):
    photo = upload(alice)
    by_bob = comment_post(author=bob, photo_id=photo.pk, body="one")
    another = comment_post(author=bob, photo_id=photo.pk, body="two")
    assert api(bob).delete(f"/comments/{by_bob.pk}").status_code == 204
    assert api(alice).delete(f"/comments/{another.pk}").status_code == 204
    assert not Comment.objects.exists()


def test_other_user_cannot_delete_a_comment(alice, bob, make_user, api, upload):
    photo = upload(alice)
    comment = comment_post(author=bob, photo_id=photo.pk, body="mine")
    response = api(make_user("mallory")).delete(f"/comments/{comment.pk}")
    assert response.status_code == 403
    assert "author" in response.json()["detail"]
    assert Comment.objects.filter(pk=comment.pk).exists()


def test_favourite_count_counts_everyone(alice, bob, make_user, api, upload):
    photo = upload(alice)
    favourite_add(user=bob, photo_id=photo.pk)
    favourite_add(user=make_user(), photo_id=photo.pk)
    assert api().get(f"/photos/{photo.pk}").json()["favourite_count"] == 2
