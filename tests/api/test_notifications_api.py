"""GET /api/v1/notifications (keyset-paged, newest first) and POST /notifications/read."""

from notifications.models import Notification
from notifications.services import notify_follow


def test_the_list_is_newest_first_and_paged_by_cursor(api, alice, make_user):
    for i in range(3):
        notify_follow(follower=make_user(f"fan{i}"), followee=alice)
    client = api(alice, "read")
    first = client.get("/notifications", limit=2).json()
    assert [n["actor"]["username"] for n in first["items"]] == ["fan2", "fan1"]
    assert first["items"][0]["text"] == "fan2 started following you."
    assert first["items"][0]["url"] == "http://testserver/u/fan2/"
    assert first["items"][0]["read"] is False and first["items"][0]["kind"] == "follow"
    second = client.get("/notifications", limit=2, cursor=first["next_cursor"]).json()
    assert [n["actor"]["username"] for n in second["items"]] == ["fan0"]
    assert second["next"] is None and first["next"].startswith("http://testserver/api/v1/")


def test_reading_the_list_does_not_mark_read(api, alice, bob):
    notify_follow(follower=bob, followee=alice)
    api(alice, "read").get("/notifications")
    assert Notification.objects.filter(read_at=None).count() == 1


def test_mark_read_up_to_an_id_or_all(api, alice, make_user):
    ids = [notify_follow(follower=make_user(f"fan{i}"), followee=alice).pk for i in range(3)]
    client = api(alice, "write")
    assert client.post("/notifications/read", {"up_to": ids[1]}).json() == {"marked": 2}
    assert list(Notification.objects.filter(read_at=None).values_list("pk", flat=True)) == [ids[2]]
    assert client.post("/notifications/read").json() == {"marked": 1}


def test_scopes_and_anonymous_callers(api, alice, bob):
    notify_follow(follower=bob, followee=alice)
    assert api().get("/notifications").status_code == 401
    assert api(alice, "read").post("/notifications/read").status_code == 403
    assert Notification.objects.filter(read_at=None).count() == 1
    assert api(bob, "read").get("/notifications").json()["items"] == []


def test_a_bad_up_to_is_refused_and_changes_nothing(api, alice, bob):
    notify_follow(follower=bob, followee=alice)
    response = api(alice, "write").post("/notifications/read", {"up_to": "all"})
    assert response.status_code == 422
    assert Notification.objects.filter(read_at=None).count() == 1
