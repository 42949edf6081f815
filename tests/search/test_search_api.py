"""`GET /api/v1/photos?q=`: the same ranked, bounded search as the page, paged by cursor."""

from urllib.parse import parse_qs, urlsplit


def test_api_search_is_ranked_and_pages_by_cursor(api, alice, shoot):
    in_description = shoot(alice, "Evening", description="a quiet heron")
    in_titles = [shoot(alice, f"Heron {i}") for i in range(3)]
    first = api().get("/photos", q="heron", limit=2).json()
    assert [i["id"] for i in first["items"]] == [in_titles[2].pk, in_titles[1].pk]
    assert "cursor=" in first["next"] and "offset" not in first["next"]
    cursor = parse_qs(urlsplit(first["next"]).query)["cursor"][0]
    rest = api().get("/photos", q="heron", limit=2, cursor=cursor).json()
    assert [i["id"] for i in rest["items"]] == [in_titles[0].pk, in_description.pk]
    assert rest["next"] is None


def test_api_search_with_offset_stays_within_the_results(api, alice, shoot):
    photos = [shoot(alice, f"Kestrel {i}") for i in range(3)]
    page = api().get("/photos", q="kestrel", limit=1, offset=2).json()
    assert [i["id"] for i in page["items"]] == [photos[0].pk]
    assert api().get("/photos", q="kestrel", offset=5000).json()["items"] == []


def test_api_search_combines_with_user_and_tag(api, alice, bob, shoot):
    mine = shoot(alice, "Harbour at dawn", tags="sea")
    shoot(bob, "Harbour wall", tags="sea")
    shoot(alice, "Harbour crane", tags="steel")
    ids = [
        i["id"] for i in api().get("/photos", q="harbour", user="alice", tag="sea").json()["items"]
    ]
    assert ids == [mine.pk]
