"""bench/scaledata.py's bulk fill (search and favourite triggers off, their work done once,
set-based) leaves exactly the rows the triggers make one change at a time, and writes each
photo's search document once (PostgreSQL: the triggers are PostgreSQL's)."""

import re

import pytest
from django.db import connection

from bench.scaledata import STEADY_MEMBER, grow, users_for

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the bulk fill and its triggers are PostgreSQL's"
    ),
]

PHOTOS = 300


def _rows(cursor, sql: str) -> list:
    cursor.execute(sql)
    return cursor.fetchall()


# Each document's words with their weights, without positions: a photo's tags are read in
# no defined order (neither by the triggers nor by the fill), so their positions may differ.
DOCUMENTS = """
    SELECT id,
        (SELECT string_agg(
            u.lexeme || ':' || (SELECT string_agg(w::text, '' ORDER BY w) FROM unnest(u.weights) w),
            ' ' ORDER BY u.lexeme)
         FROM unnest(search_document) u),
        search_prefixes::text
    FROM photos_photo ORDER BY id
"""


def _documents(cursor) -> list:
    return _rows(cursor, DOCUMENTS)


def _tallies(cursor) -> list:
    return _rows(
        cursor, "SELECT photo_id, favourites FROM photos_favourite_tally ORDER BY photo_id"
    )


def _as_the_triggers_make_them(cursor) -> None:
    """Every tag and favourite taken away and added again, with the triggers on."""
    cursor.execute("CREATE TEMP TABLE scale_tags AS SELECT * FROM photos_photo_tags")
    cursor.execute("CREATE TEMP TABLE scale_favourites AS SELECT * FROM social_favourite")
    cursor.execute("DELETE FROM photos_photo_tags")
    cursor.execute("DELETE FROM social_favourite")
    cursor.execute("DELETE FROM photos_favourite_tally")
    cursor.execute("INSERT INTO photos_photo_tags SELECT * FROM scale_tags")
    cursor.execute("INSERT INTO social_favourite SELECT * FROM scale_favourites")


def test_the_bulk_fill_equals_what_the_triggers_make():
    grow(photos=PHOTOS, vacuum=False)
    with connection.cursor() as cursor:
        filled_documents, filled_tallies = _documents(cursor), _tallies(cursor)
        _as_the_triggers_make_them(cursor)
        assert _documents(cursor) == filled_documents
        assert _tallies(cursor) == filled_tallies
    assert len(filled_documents) == PHOTOS
    assert all(re.search(r"(^| )t\d+:A", text) for _id, text, _prefixes in filled_documents)
    assert len(filled_tallies) == PHOTOS


UPDATED = "SELECT pg_stat_get_xact_tuples_updated('photos_photo'::regclass)"


def test_each_document_is_written_once_and_the_triggers_are_on_again():
    with connection.cursor() as cursor:
        before = _rows(cursor, UPDATED)[0][0]
        grow(photos=PHOTOS, vacuum=False)
        updated = _rows(cursor, UPDATED)[0][0] - before
        disabled = _rows(
            cursor, "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgenabled = 'D'"
        )
    assert updated == 0, "the tag insert rewrote the photos' documents"
    assert disabled == []


def _owned(cursor, first: int, last: int) -> dict:
    return dict(
        _rows(
            cursor,
            "SELECT owner_id, count(*) FROM photos_photo "  # noqa: S608 - numbers only
            f"WHERE id BETWEEN {first} AND {last} GROUP BY owner_id",
        )
    )


def test_growing_leaves_the_steady_members_photos_as_they_were():
    """bench/scale.py times STEADY_MEMBER's list at both sizes: it must be as long at both."""
    grow(photos=PHOTOS, vacuum=False)
    with connection.cursor() as cursor:
        first = _owned(cursor, 1, PHOTOS)
        grow(photos=3 * PHOTOS, vacuum=False)
        grown = _owned(cursor, PHOTOS + 1, 3 * PHOTOS)
        members = _rows(cursor, "SELECT count(*) FROM accounts_user")[0][0]
    assert first[STEADY_MEMBER] == PHOTOS // members
    assert STEADY_MEMBER not in grown
    assert len(grown) == members - 1
    assert max(grown.values()) - min(grown.values()) <= 1


FOLLOWERS = f"SELECT count(*) FROM social_follow WHERE followee_id = {STEADY_MEMBER}"  # noqa: S608 - a constant


def test_new_members_do_not_follow_the_steady_member():
    """Its followers list, timed at both sizes, keeps its length as members join."""
    grow(photos=PHOTOS, vacuum=False)
    with connection.cursor() as cursor:
        followers = _rows(cursor, FOLLOWERS)[0][0]
        grow(photos=users_for(PHOTOS) * 30 * 2, vacuum=False)  # twice the members
        assert _rows(cursor, "SELECT count(*) FROM accounts_user")[0][0] == 200
        assert _rows(cursor, FOLLOWERS)[0][0] == followers > 0
        assert _rows(cursor, "SELECT count(*) FROM social_follow")[0][0] > 3900


INDEXES = """
    SELECT c.relname, pg_get_indexdef(i.indexrelid), i.indexrelid FROM pg_index i
    JOIN pg_class c ON c.oid = i.indexrelid
    WHERE i.indrelid::regclass::text IN ('photos_photo', 'photos_photo_tags', 'social_favourite')
    ORDER BY c.relname
"""


def test_a_doubling_fill_builds_the_secondary_indexes_again_as_they_were():
    """Indexes no constraint needs are dropped for the load and built after it from all
    rows; the same indexes, the same definitions, are there afterwards."""
    grow(photos=PHOTOS, vacuum=False)
    with connection.cursor() as cursor:
        before = _rows(cursor, INDEXES)
        grow(photos=2 * PHOTOS, vacuum=False)
        after = _rows(cursor, INDEXES)
    assert [row[:2] for row in after] == [row[:2] for row in before]
    pairs = zip(before, after, strict=True)
    rebuilt = {name for (name, _d, old), (_n, _d2, new) in pairs if old != new}
    assert "photos_photo_search_prefixes" in rebuilt
    assert "photos_photo_pkey" not in rebuilt
