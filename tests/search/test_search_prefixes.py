"""PostgreSQL matches words through `search_prefixes` (photos/search_prefixes.py): every
prefix of every lexeme as an exact lexeme, the id block lexeme kept whole."""

from django.db import connection

from tests.search.conftest import on_postgresql


def prefixes(photo) -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tsvector_to_array(search_prefixes) FROM photos_photo WHERE id = %s",
            [photo.pk],
        )
        return set(cursor.fetchone()[0])


@on_postgresql
def test_every_prefix_of_every_form_is_an_exact_lexeme(alice, shoot):
    photo = shoot(alice, "Häuser in Berlin")
    words = prefixes(photo)
    assert {"b", "be", "ber", "berl", "berli", "berlin"} <= words
    assert {"häuser", "haus", "hau"} <= words  # the German stem's prefixes too


@on_postgresql
def test_the_id_block_lexeme_is_not_cut_into_prefixes(alice, shoot):
    """'#2' as a prefix of '#29' would put block 29 into block 2's search window."""
    photo = shoot(alice, "Harbour")
    block = f"#{photo.pk // 10_000}"
    words = {word for word in prefixes(photo) if word.startswith("#")}
    assert words == {block}


@on_postgresql
def test_new_tags_reach_the_prefixes(alice, shoot):
    from photos.services import photo_update

    photo = shoot(alice, "Harbour")
    photo_update(
        actor=alice,
        photo=photo,
        title=photo.title,
        description="",
        tags="lighthouse",
        licence=photo.licence,
        visibility=photo.visibility,
        show_location=False,
    )
    assert "lighth" in prefixes(photo)
