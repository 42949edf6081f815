"""`GET /api/v1/search/people` and `/search/tags`: the names the search page shows beside
the photos, with the same rules (who is never found, which tags stay private)."""

from datetime import timedelta

from django.utils import timezone


def test_people_are_found_by_username_and_display_name(api, alice, make_user):
    make_user("alicia", display_name="Alicia Keys")
    make_user("paused_alice", suspended_until=timezone.now() + timedelta(days=2))
    make_user("gone_alice", is_active=False)
    make_user("ended_alice", terminated_at=timezone.now())
    found = api().get("/search/people", q="alice").json()["items"]
    assert [person["username"] for person in found] == ["alice"]
    assert found[0]["display_name"] == "Alice Example"
    assert found[0]["profile_url"].endswith("/u/alice/")
    by_name = api().get("/search/people", q="keys").json()["items"]
    assert [person["username"] for person in by_name] == ["alicia"]


def test_tags_are_found_only_on_photos_the_caller_may_see(api, alice, bob, shoot):
    shoot(alice, "Fog", tags="nebel nebelmeer")
    shoot(alice, "Secret", tags="nebelhorn", visibility="private")
    seen = api(bob).get("/search/tags", q="nebel").json()["items"]
    assert [tag["name"] for tag in seen] == ["nebel", "nebelmeer"]
    assert seen[0]["url"].endswith("/tags/nebel/")
    assert seen[0]["photos_url"].endswith("/api/v1/photos?tag=nebel")
    mine = api(alice).get("/search/tags", q="nebel").json()["items"]
    assert [tag["name"] for tag in mine] == ["nebel", "nebelhorn", "nebelmeer"]


def test_odd_name_searches_answer_empty_or_400(api, alice):
    for query in ["", "& | ! :*", ":*", "🌅"]:
        for kind in ("people", "tags"):
            response = api().get(f"/search/{kind}", q=query)
            assert response.status_code == 200, (kind, query)
            assert response.json()["items"] == []
    long = api().get("/search/people", q="a" * 1000)
    assert long.status_code == 400
    assert "at most 200 characters" in long.json()["detail"]
    nul = api().get("/search/tags", q="nebel\x00")
    assert nul.status_code == 400


def test_the_search_page_finds_the_member_alice(client, alice):
    html = client.get("/search/", {"q": "alice"}).content.decode()
    assert 'id="search-people"' in html and 'href="/u/alice/"' in html
