"""Filters (licence, camera, date taken) and sorts (relevance, newest, most favourited) of
the photo search, on the page and in the API, each sort paged by its keyset; bad options are
refused with a message (400), never a 500."""

from datetime import UTC, datetime

import pytest
from django.db import connection

from photos.models import Photo
from photos.search import photo_search
from photos.search_options import SearchOptions, search_options
from social.services import favourite_add, favourite_remove


def titles(query: str, viewer, **options) -> list[str]:
    found = photo_search(query, viewer, options=SearchOptions(**options))
    return [photo.title for photo in found.items]


def taken(photo, day: str, make: str = "Fujifilm", model: str = "X-T5") -> None:
    when = datetime.fromisoformat(day).replace(tzinfo=UTC)
    camera = {"make": make, "model": model}
    Photo.objects.filter(pk=photo.pk).update(taken_at=when, camera=camera)


@pytest.fixture
def gulls(alice, shoot):
    """Four gull photos: licences, cameras and days taken differ."""
    first = shoot(alice, "Gull one", licence="cc-by")
    second = shoot(alice, "Gull two", licence="cc0")
    third = shoot(alice, "Gull three", licence="cc-by")
    fourth = shoot(alice, "Gull four")
    taken(first, "2023-05-01", "Canon", "EOS R6")
    taken(second, "2024-07-31")
    taken(third, "2024-08-01", "Leica", "Q3")
    Photo.objects.filter(pk=fourth.pk).update(taken_at=None, camera={})
    return first, second, third, fourth


def test_filters_narrow_the_photos_found(alice, gulls):
    assert titles("gull", alice, licence="cc-by") == ["Gull three", "Gull one"]
    assert titles("gull", alice, camera="fujifilm") == ["Gull two"]
    assert titles("gull", alice, camera="leica q3") == ["Gull three"]
    july = {"taken_from": datetime(2024, 7, 31).date(), "taken_to": datetime(2024, 7, 31).date()}
    assert titles("gull", alice, **july) == ["Gull two"]
    assert titles("gull", alice, taken_from=datetime(2024, 1, 1).date()) == [
        "Gull three",
        "Gull two",
    ]
    assert titles("gull", alice, licence="cc-by", camera="canon") == ["Gull one"]
    assert titles("gull", alice, licence="pdm") == []


def test_sort_by_newest_ignores_relevance(alice, shoot):
    in_title = shoot(alice, "Heron", description="")
    later = shoot(alice, "Evening", description="a heron far away")
    assert [p.pk for p in photo_search("heron", alice).items] == [in_title.pk, later.pk]
    newest = photo_search("heron", alice, options=SearchOptions(sort="newest"))
    assert [p.pk for p in newest.items] == [later.pk, in_title.pk]


def test_sort_by_favourites_pages_by_its_keyset(alice, bob, make_user, shoot):
    photos = [shoot(alice, f"Pebble {i}") for i in range(5)]
    fans = [bob, *(make_user(f"fan{i}") for i in range(3))]
    for fan in fans:  # photos[2] gets 4, photos[0] 2, photos[4] 1, the others none
        favourite_add(user=fan, photo_id=photos[2].pk)
    for fan in fans[:2]:
        favourite_add(user=fan, photo_id=photos[0].pk)
    favourite_add(user=bob, photo_id=photos[4].pk)
    favourite_add(user=fans[3], photo_id=photos[4].pk)
    favourite_remove(user=fans[3], photo_id=photos[4].pk)
    seen, after = [], None
    for _ in range(3):
        page = photo_search(
            "pebble", alice, options=SearchOptions(sort="favourites"), after=after, limit=2
        )
        seen += [p.pk for p in page.items]
        after = page.next_cursor
    assert after is None
    order = [photos[2], photos[0], photos[4], photos[3], photos[1]]  # ties: newest first
    assert seen == [p.pk for p in order]


def test_the_favourite_tally_follows_favourites_and_photos(alice, bob, shoot):
    photo = shoot(alice, "Tallied")

    def tally():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT favourites FROM photos_favourite_tally WHERE photo_id = %s", [photo.pk]
            )
            row = cursor.fetchone()
        return row[0] if row else None

    assert tally() is None
    favourite_add(user=bob, photo_id=photo.pk)
    favourite_add(user=alice, photo_id=photo.pk)
    assert tally() == 2
    favourite_remove(user=bob, photo_id=photo.pk)
    assert tally() == 1
    Photo.objects.filter(pk=photo.pk).delete()
    assert tally() is None


BAD = [
    ({"licence": "cc-by-zz"}, "There is no licence"),
    ({"sort": "random"}, "cannot be sorted by"),
    ({"taken_from": "31.07.2024"}, "is not a date"),
    ({"taken_to": "2024-02-30"}, "is not a date"),
    ({"taken_from": "2024-08-01", "taken_to": "2024-07-01"}, "is after"),
    ({"camera": "x" * 81}, "at most 80 characters"),
]


@pytest.mark.parametrize(("params", "message"), BAD)
def test_bad_options_are_refused_with_a_message_on_the_page(client, alice, shoot, params, message):
    shoot(alice, "Sunset")
    response = client.get("/search/", {"q": "sunset", **params})
    assert response.status_code == 400
    assert message in response.content.decode()


@pytest.mark.parametrize(("params", "message"), BAD)
def test_bad_options_are_refused_with_a_message_in_the_api(api, alice, shoot, params, message):
    shoot(alice, "Sunset")
    response = api().get("/photos", q="sunset", **params)
    assert response.status_code == 400
    assert message in response.json()["detail"]


def test_a_nul_in_an_option_is_refused():
    with pytest.raises(Exception, match="NUL"):
        search_options({"camera": "Fuji\x00film"})


def test_blank_options_are_no_options():
    params = {"licence": "", "camera": "  ", "taken_from": "", "taken_to": "", "sort": ""}
    assert search_options(params) == SearchOptions()


def test_the_api_filters_and_sorts_a_search_and_refuses_options_without_one(api, alice, gulls):
    found = api().get("/photos", q="gull", licence="cc-by", sort="newest").json()
    assert [item["title"] for item in found["items"]] == ["Gull three", "Gull one"]
    found = api().get("/photos", q="gull", taken_from="2024-07-31", camera="fujifilm").json()
    assert [item["title"] for item in found["items"]] == ["Gull two"]
    refused = api().get("/photos", licence="cc-by")
    assert refused.status_code == 400
    assert "send `q` too" in refused.json()["detail"]


def test_the_page_keeps_its_filters_in_the_form_and_the_next_link(client, alice, shoot):
    for i in range(32):
        shoot(alice, f"Gull {i:02d}", licence="cc-by")
    shoot(alice, "Gull elsewhere", licence="cc0")
    html = client.get("/search/", {"q": "gull", "licence": "cc-by", "sort": "newest"}).content
    html = html.decode()
    assert '<option value="cc-by" selected>' in html
    assert '<option value="newest" selected>' in html
    assert html.count('href="/photos/') == 30 and "Gull elsewhere" not in html
    following = html.split('rel="next"')[0].rsplit('href="', 1)[1]
    assert "licence=cc-by" in following and "sort=newest" in following


def test_the_search_page_speaks_german(client, alice, shoot):
    shoot(alice, "Möwe am Strand", licence="cc-by")
    german = {"HTTP_ACCEPT_LANGUAGE": "de"}
    html = client.get("/search/", {"q": "möwe"}, **german).content.decode()
    for text in ("Fotos: Filter und Reihenfolge", "Sortieren nach", "Meiste Favoriten"):
        assert text in html
    assert "Aufgenommen ab" in html and "Jede Lizenz" in html and "Möwe am Strand" in html
    refused = client.get("/search/", {"q": "möwe", "taken_from": "31.07.2024"}, **german)
    assert refused.status_code == 400
    assert "ist kein Datum: Schreiben Sie es als JJJJ-MM-TT" in refused.content.decode()
