"""Grow a PostgreSQL database to N photos in SQL, for bench/scale.py.

Every row is made by the server itself (`INSERT ... SELECT ... FROM generate_series`), and
each photo's search document and favourite count is written once (the triggers that keep
them are off for the bulk insert, see _photos), so 3,000,000 photos take minutes, not
hours; benchmark data only, it bypasses the services (and so the event log) on purpose.
Growing is incremental: from 10,000 to 300,000 adds the 290,000 photos after the first
ones, and users, follows, favourites, comments and tags in proportion. Columns the
statement does not name get the model field's default, read from the model, so a new
column with a default needs no change here.

Proportions per photo count P: P / 30 users (at least 100), each following 20 others
(when growing, not STEADY_MEMBER);
photos 80% public, 15% followers-only, 5% private, a tenth with "light" in the title,
owned by the members in turn (when growing, all but STEADY_MEMBER, whose photos are
those of the first fill);
two favourites and two of 50 tags per photo, a comment per two photos. Photo ids run in
upload order, newest last, one second apart.
"""

import json

from django.db import connection, transaction

from accounts.models import User
from photos.models import Photo, Tag
from social.models import Comment, Favourite, Follow

TAGS = 50
FOLLOWS = 20
START = "2020-01-01 00:00:00+00"
# The member whose profile, photos and followers bench/scale.py times: owns the photos of
# the first fill only and gains no followers later, so those lists are as long at every
# size and their rows measure the site's size.
STEADY_MEMBER = 2


def users_for(photos: int) -> int:
    return max(100, photos // 30)


def grow(*, photos: int, vacuum: bool = True) -> dict:
    """Add rows up to `photos` photos; returns how many of each there are now. `vacuum`
    False: no VACUUM ANALYZE at the end (it cannot run inside a transaction, as in a test)."""
    have_photos = Photo.objects.count()
    have_users = User.objects.filter(username__startswith="s").count()
    users = users_for(photos)
    with connection.cursor() as cursor:
        if not Tag.objects.exists():
            _insert(cursor, Tag, 1, TAGS, {"id": "g", "name": "'t' || g"})
        if users > have_users:
            _users(cursor, have_users + 1, users)
        if photos > have_photos:
            _photos(cursor, have_photos + 1, photos, users)
        for table in ("accounts_user", "photos_photo", "photos_tag"):
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608
                f"(SELECT max(id) FROM {table}))"
            )
        # As autovacuum would after a bulk load (visibility maps, hint bits, statistics),
        # but now: otherwise it runs, and first reads write hint bits, during the timing.
        if vacuum:
            cursor.execute("VACUUM ANALYZE")
    return {"photos": photos, "users": users}


def _users(cursor, first: int, last: int) -> None:
    """Members first..last, each following FOLLOWS others (not themselves; when growing,
    not STEADY_MEMBER)."""
    followee = f"((g / {FOLLOWS}) * 7 + (g % {FOLLOWS}) * 13 + 1) % {last} + 1"
    steady = f", {STEADY_MEMBER}" if first > 1 else ""
    _insert(
        cursor,
        User,
        first,
        last,
        {
            "id": "g",
            "username": "'s' || g",
            "email": "'s' || g || '@example.org'",
            "password": "'!'",  # unusable: nobody signs in with a password here
            "display_name": "'Scale member ' || g",
            "date_joined": f"timestamptz '{START}'",
        },
    )
    _insert(
        cursor,
        Follow,
        first * FOLLOWS,
        last * FOLLOWS + FOLLOWS - 1,
        {
            "follower_id": f"g / {FOLLOWS}",
            "followee_id": followee,
            "created_at": "now()",
        },
        where=f"{followee} NOT IN (g / {FOLLOWS}{steady})",
        conflict=True,
    )


def _photos(cursor, first: int, last: int, users: int) -> None:
    """Photos with their tags and favourites, each search document and favourite count
    written once.

    The tags go in first, in the same transaction as their photos (the foreign key is
    checked at commit), with the tag table's statement trigger off: the photos' own row
    trigger then finds the tags and writes each document once, complete. Left on, the
    tag insert would have rewritten every new photo's document a second time, 3,000,000
    rows in one statement. The favourites' row trigger is off too and the counts are
    made once, grouped, for the new photos. Both triggers are on again when the
    transaction ends (or rolled back with it); `tests/bench_support/test_scale_fill.py`
    checks that the result equals what the triggers make row by row. A fill that at least
    doubles the photos drops the indexes no constraint needs and builds them again after
    the load (_drop_secondary_indexes)."""
    with transaction.atomic():
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")  # as set afterwards, when in a transaction
        rebuild = _drop_secondary_indexes(cursor) if last - first + 1 >= first - 1 else []
        _triggers(cursor, "DISABLE")
        _tags(cursor, first, last)
        _insert(
            cursor,
            Photo,
            first,
            last,
            {
                "id": "g",
                "owner_id": _owner(first, users),
                "title": "'Photo ' || g || CASE WHEN g % 10 = 0 THEN ' in the light' ELSE '' END",
                "description": "'Taken for the scale benchmark.'",
                "visibility": (
                    "CASE WHEN g % 20 < 16 THEN 'public' WHEN g % 20 < 19 THEN 'followers' "
                    "ELSE 'private' END"
                ),
                "original": "'originals/scale/' || g || '.jpg'",
                "original_format": "'JPEG'",
                "original_bytes": "3000000",
                "width": "4000",
                "height": "3000",
                "sha256": "md5(g::text) || md5((g + 1)::text)",
                "pdq_hash": "md5((g + 2)::text) || md5((g + 3)::text)",
                "pdq_quality": "100",
                "created_at": f"timestamptz '{START}' + g * interval '1 second'",
                "updated_at": f"timestamptz '{START}' + g * interval '1 second'",
            },
        )
        _insert(
            cursor,
            Favourite,
            first * 2,
            last * 2 + 1,
            {
                "user_id": f"(g * 31) % {users} + 1",
                "photo_id": "g / 2",
                "created_at": "now()",
            },
            conflict=True,
        )
        _favourite_counts(cursor, first, last)
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the tags' photos exist now
        _triggers(cursor, "ENABLE")
        for definition in rebuild:
            cursor.execute(definition)
    _insert(
        cursor,
        Comment,
        (first + 1) // 2,
        last // 2,
        {
            "photo_id": "g * 2",
            "author_id": f"(g * 17) % {users} + 1",
            "body": "'Lovely light, comment ' || g",
            "created_at": f"timestamptz '{START}' + g * interval '2 second'",
        },
    )


def _owner(first: int, users: int) -> str:
    """Photo g's owner: members in turn; when growing (first > 1), every member but
    STEADY_MEMBER in turn, so no other member owns more than the rest."""
    if first == 1:
        return f"g % {users} + 1"
    return (
        f"CASE WHEN g % {users - 1} + 1 < {STEADY_MEMBER} THEN g % {users - 1} + 1 "
        f"ELSE g % {users - 1} + 2 END"
    )


# Triggers whose work the bulk load does once, set-based (see _photos).
BULK_TRIGGERS = (
    ("photos_photo_tags", "photos_search_tags_added"),
    ("social_favourite", "photos_favourite_added"),
)


def _triggers(cursor, state: str) -> None:
    for table, trigger in BULK_TRIGGERS:
        cursor.execute(f"ALTER TABLE {table} {state} TRIGGER {trigger}")


# Tables whose indexes that no constraint needs are dropped while a fill at least doubles
# the photos, and built again after it (see _drop_secondary_indexes).
BULK_TABLES = ("photos_photo", "photos_photo_tags", "social_favourite")


def _drop_secondary_indexes(cursor) -> list[str]:
    """Drops BULK_TABLES' indexes that back no constraint (not the primary keys, unique
    constraints or what ON CONFLICT needs) and returns their CREATE INDEX statements.
    Built once from all rows, sorted, an index costs a fraction of millions of inserts
    at random places (the hashes' btrees, the search prefixes' GIN)."""
    cursor.execute(
        "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
        "WHERE i.indrelid = ANY(%s::regclass[]) AND NOT i.indisunique AND NOT EXISTS "
        "(SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)",
        [list(BULK_TABLES)],
    )
    found = cursor.fetchall()
    for name, _definition in found:
        cursor.execute(f"DROP INDEX {name}")
    return [definition for _name, definition in found]


def _tags(cursor, first: int, last: int) -> None:
    """Two of the TAGS tags per photo, for photos first..last (which need not exist yet)."""
    cursor.execute(
        "INSERT INTO photos_photo_tags (photo_id, tag_id) "  # noqa: S608 - constants only
        f"SELECT g, g %% {TAGS} + 1 FROM generate_series(%s, %s) g "
        f"UNION ALL SELECT g, (g * 7 + 3) %% {TAGS} + 1 FROM generate_series(%s, %s) g "
        "ON CONFLICT DO NOTHING",
        [first, last, first, last],
    )


def _favourite_counts(cursor, first: int, last: int) -> None:
    """photos_favourite_tally for photos first..last, as its row trigger would keep it:
    a row for each photo favourited at least once, with how many times."""
    cursor.execute(
        "DELETE FROM photos_favourite_tally WHERE photo_id BETWEEN %s AND %s", [first, last]
    )
    cursor.execute(
        "INSERT INTO photos_favourite_tally (photo_id, favourites) "
        "SELECT photo_id, count(*) FROM social_favourite "
        "WHERE photo_id BETWEEN %s AND %s GROUP BY photo_id",
        [first, last],
    )


def _insert(
    cursor, model, first: int, last: int, given: dict, *, where: str = "", conflict=False
) -> None:
    """INSERT INTO model's table SELECT the given expressions of g, and the fields' own
    defaults for every other column, FROM generate_series(first, last) AS g."""
    columns, expressions, params = [], [], []
    for field in model._meta.concrete_fields:
        column = field.column
        if column in given:
            expressions.append(given[column].replace(" % ", " %% "))  # modulo, not a parameter
        elif field.primary_key:
            continue
        else:
            default = field.get_default()
            if default is None and not field.null:
                raise ValueError(f"{model.__name__}.{field.name} needs a value in scaledata")
            if isinstance(default, (dict, list)):
                expressions.append("%s::jsonb")
                params.append(json.dumps(default))
            else:
                expressions.append("%s")
                params.append(default)
        columns.append(column)
    sql = (
        f"INSERT INTO {model._meta.db_table} ({', '.join(columns)}) "  # noqa: S608
        f"SELECT {', '.join(expressions)} FROM generate_series(%s, %s) AS g"
        + (f" WHERE {where.replace(' % ', ' %% ')}" if where else "")
        + (" ON CONFLICT DO NOTHING" if conflict else "")
    )
    cursor.execute(sql, [*params, first, last])
