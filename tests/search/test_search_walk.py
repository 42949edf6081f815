"""PostgreSQL: the newest matches are found by walking the id blocks newest first, in one
query that stops when it has enough, and each candidate is ranked as it is found (no
second read of the candidates, no ranking of every match before the LIMIT)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from photos.search import WALKED_BLOCKS, photo_search_ranked, search_terms
from photos.search_schema import BLOCK

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the id-block walk is PostgreSQL's"
)


def jump_ids_to_a_new_block(ahead: int = 1) -> int:
    """The next photo id starts a block `ahead` blocks after the current one's (the
    sequence is not rolled back between tests: always forward)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT last_value FROM photos_photo_id_seq")
        block = cursor.fetchone()[0] // BLOCK + ahead
        cursor.execute("SELECT setval('photos_photo_id_seq', %s)", [block * BLOCK])
    return block


@pytest.fixture
def old_and_new(alice, shoot):
    """Two gulls and a kestrel in one block, then three gulls ten blocks later:
    more than the walk's eight blocks apart, so the old ones are found by its last step."""
    first = jump_ids_to_a_new_block()
    old = [shoot(alice, "Gull old 1"), shoot(alice, "Gull old 2")]
    kestrel = shoot(alice, "Kestrel")
    assert jump_ids_to_a_new_block(10) == first + 10
    new = [shoot(alice, f"Gull new {i}") for i in range(3)]
    assert old[0].pk // BLOCK == first and new[0].pk // BLOCK == first + 10
    return old, kestrel, new


def ids(query: str, viewer, candidates: int) -> set[int]:
    return {
        pk for _, _, pk in photo_search_ranked(search_terms(query), viewer, candidates=candidates)
    }


def test_the_walk_stops_in_the_newest_block_when_it_has_enough(alice, old_and_new):
    old, _, new = old_and_new
    assert ids("gull", alice, 2) == {new[2].pk, new[1].pk}
    assert ids("gull", alice, 3) == {p.pk for p in new}


def test_the_walk_goes_on_to_older_photos_for_the_rest(alice, old_and_new):
    old, kestrel, new = old_and_new
    assert ids("gull", alice, 4) == {*(p.pk for p in new), old[1].pk}
    assert ids("gull", alice, 500) == {*(p.pk for p in new), *(p.pk for p in old)}
    assert ids("kestrel", alice, 500) == {kestrel.pk}


def test_one_query_walks_ranks_and_limits(alice, old_and_new):
    with CaptureQueriesContext(connection) as queries:
        photo_search_ranked(search_terms("gull"), alice)
    searched = [q["sql"] for q in queries.captured_queries if "search_prefixes" in q["sql"]]
    assert len(searched) == 1
    sql = searched[0]
    walk, lateral = sql.split("CROSS JOIN LATERAL")
    assert "generate_series" in walk
    assert "ts_rank" in lateral and "ts_rank" not in walk  # ranked where found
    assert lateral.rstrip().endswith("LIMIT 500")  # the walk stops at 500


def test_the_block_before_the_walked_ones_is_searched_too(alice, shoot):
    """The older step takes every photo below the oldest walked block: none is skipped."""
    first = jump_ids_to_a_new_block()
    plover = shoot(alice, "Plover")
    assert jump_ids_to_a_new_block(WALKED_BLOCKS) == first + WALKED_BLOCKS
    shoot(alice, "Harbour")  # the newest block: the walk covers the 8 blocks above plover's
    assert ids("plover", alice, 500) == {plover.pk}
