"""Searching people and tags, and the search page that shows photos, people and tags."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from photos.search import people_search, search_everything, tag_search


def names(people) -> list[str]:
    return [person.username for person in people]


def test_people_are_found_by_username_or_display_name(make_user):
    make_user("marta", display_name="Marta Lindqvist")
    make_user("lindholm")
    make_user("oskar", display_name="Oskar Berg")
    assert names(people_search("lind")) == ["marta", "lindholm"]
    assert names(people_search("Marta Lind")) == ["marta"]
    assert names(people_search("berg")) == ["oskar"]
    assert people_search("& | !") == []


def test_deactivated_erased_terminated_and_suspended_people_are_left_out(make_user):
    make_user("robin_active")
    make_user("robin_gone", is_active=False)
    make_user("robin_out", terminated_at=timezone.now())
    make_user("robin_paused", suspended_until=timezone.now() + timedelta(days=1))
    make_user("robin_back", suspended_until=timezone.now() - timedelta(days=1))
    assert sorted(names(people_search("robin"))) == ["robin_active", "robin_back"]


def test_people_found_are_bounded(make_user):
    for i in range(12):
        make_user(f"crowd{i:02d}")
    assert len(people_search("crowd")) == 8
    assert len(people_search("crowd", limit=3)) == 3


def test_tags_are_found_by_prefix_only_where_the_viewer_sees_a_photo(alice, bob, shoot):
    shoot(alice, "Fog", tags="nebel nebelmeer")
    shoot(alice, "Secret", tags="nebelhorn", visibility="private")
    assert [t.name for t in tag_search("nebel", bob)] == ["nebel", "nebelmeer"]
    assert [t.name for t in tag_search("nebel", alice)] == ["nebel", "nebelhorn", "nebelmeer"]
    assert tag_search("", bob) == []


def test_the_search_page_shows_photos_people_and_tags(client, alice, make_user, shoot):
    make_user("harbourmaster", display_name="Hanna Port")
    shoot(alice, "Harbour lights", tags="harbour")
    html = client.get("/search/", {"q": "harbour"}).content.decode()
    assert 'id="search-photos"' in html and "Harbour lights" in html
    assert 'id="search-people"' in html and 'href="/u/harbourmaster/"' in html
    assert 'id="search-tags"' in html and 'href="/tags/harbour/"' in html


def test_the_search_page_pages_photos_by_cursor(client, alice, shoot, settings):
    for i in range(32):
        shoot(alice, f"Gull {i:02d}")
    first = client.get("/search/", {"q": "gull"}).content.decode()
    assert first.count('href="/photos/') == 30
    after = first.split('rel="next"')[0].rsplit("after=", 1)[1].split('"')[0]
    second = client.get("/search/", {"q": "gull", "after": after}).content.decode()
    assert second.count('href="/photos/') == 2
    assert "Gull 01" in second and "Gull 00" in second
    assert 'rel="next"' not in second
    assert 'id="search-people"' not in second


def test_the_page_takes_tags_from_the_photos_found_without_scanning_every_tagged_photo(
    alice, shoot
):
    """An EXISTS per tag over every visible photo became a scan of the whole site on
    PostgreSQL (660 ms at 300,000 photos, bench/README.md): the tags now come from the
    ids of the photos the search found, in one query."""
    shoot(alice, "Fog", tags="nebel")
    with CaptureQueriesContext(connection) as queries:
        found = search_everything("nebel", alice)
    assert [tag.name for tag in found.tags] == ["nebel"]
    tag_queries = [q["sql"] for q in queries.captured_queries if 'FROM "photos_tag"' in q["sql"]]
    assert len(tag_queries) == 1
    assert "EXISTS" not in tag_queries[0].upper()
    assert '"photo_id" IN (' in tag_queries[0]
