"""Follow requests, removing followers, blocks and mutes through the API."""

from core.models import Event
from social.audience_services import follow_approval_set
from social.models import Block, Follow, FollowRequest, Mute
from social.services import follow_create


def test_following_a_member_who_approves_answers_requested(alice, bob, api):
    follow_approval_set(member=alice, approval="always")
    body = api(bob).post("/users/alice/follow").json()
    assert body["followed_by_you"] is False and body["requested_by_you"] is True
    assert body["counts"]["followers"] == 0
    assert api(bob).delete("/users/alice/follow").status_code == 204
    assert FollowRequest.objects.get().state == "cancelled"


def test_follow_requests_are_listed_keyset_paged_and_accepted(alice, bob, make_user, api):
    follow_approval_set(member=alice, approval="always")
    carol = make_user("carol")
    follow_create(follower=bob, followee=alice)
    follow_create(follower=carol, followee=alice)
    first = api(alice, "read").get("/me/follow-requests", limit=1).json()
    assert [item["user"]["username"] for item in first["items"]] == ["carol"]
    assert first["next_cursor"]
    second = api(alice, "read").get("/me/follow-requests", limit=1, cursor=first["next_cursor"])
    assert [item["user"]["username"] for item in second.json()["items"]] == ["bob"]
    assert api(alice).post("/me/follow-requests/bob/accept").status_code == 204
    assert Follow.objects.filter(follower=bob, followee=alice).exists()
    assert api(alice).post("/me/follow-requests/carol/reject").status_code == 204
    assert FollowRequest.objects.get(follower=carol).state == "refused"
    assert api(alice).get("/me/follow-requests").json()["items"] == []


def test_accepting_a_request_that_does_not_exist_answers_404(alice, bob, api):
    response = api(alice).post("/me/follow-requests/bob/accept")
    assert response.status_code == 404
    assert "no pending follow request" in response.json()["detail"]
    assert not Follow.objects.exists()


def test_the_list_needs_a_token_and_accepting_needs_write(alice, bob, api):
    follow_approval_set(member=alice, approval="always")
    follow_create(follower=bob, followee=alice)
    assert api().get("/me/follow-requests").status_code == 401
    assert api(alice, "read").post("/me/follow-requests/bob/accept").status_code == 403
    assert api(alice, "read").post("/users/bob/block").status_code == 403
    assert not Follow.objects.exists() and not Block.objects.exists()


def test_removing_a_follower(alice, bob, api):
    follow_create(follower=bob, followee=alice)
    assert api(alice).delete("/me/followers/bob").status_code == 204
    assert not Follow.objects.exists()
    assert api(alice).delete("/me/followers/bob").status_code == 404


def test_block_and_unblock(alice, bob, api, upload):
    follow_create(follower=bob, followee=alice)
    photo = upload(alice)
    assert api(alice).post("/users/bob/block").status_code == 204
    assert Block.objects.filter(blocker=alice, blocked=bob).exists()
    assert not Follow.objects.exists()
    refused = api(bob).post("/users/alice/follow")
    assert refused.status_code == 403
    assert "has blocked you" in refused.json()["detail"]
    favourite = api(bob).post(f"/photos/{photo.pk}/favourite")
    assert favourite.status_code == 403 and "has blocked you" in favourite.json()["detail"]
    assert api(bob).get(f"/photos/{photo.pk}").status_code == 404
    assert api(alice).get("/users/bob").json()["blocked_by_you"] is True
    assert api(alice).delete("/users/bob/block").status_code == 204
    assert not Block.objects.exists()
    assert Event.objects.filter(kind__in=["block.created", "block.deleted"]).count() == 2


def test_mute_and_unmute(alice, bob, api):
    assert api(bob).post("/users/alice/mute").status_code == 204
    assert api(bob).get("/users/alice").json()["muted_by_you"] is True
    assert Mute.objects.filter(muter=bob, muted=alice).exists()
    assert api(bob).delete("/users/alice/mute").status_code == 204
    assert not Mute.objects.exists()


def test_blocking_yourself_is_refused(alice, api):
    response = api(alice).post("/users/alice/block")
    assert response.status_code == 400
    assert response.json()["detail"] == "You cannot block yourself."


def test_the_openapi_document_describes_the_audience_endpoints(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in (
        "/api/v1/me/follow-requests",
        "/api/v1/me/follow-requests/{username}/accept",
        "/api/v1/me/follow-requests/{username}/reject",
        "/api/v1/me/followers/{username}",
        "/api/v1/users/{username}/block",
        "/api/v1/users/{username}/mute",
    ):
        assert path in paths, path
    assert set(paths["/api/v1/users/{username}/block"]) == {"post", "delete"}
