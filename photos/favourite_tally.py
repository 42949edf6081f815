# ruff: noqa: S608 — constant SQL; no input reaches it.
"""How many favourites each photo has, kept by the database as favourites come and go, for
the search's "most favourited" sort: reading it for a few hundred candidates costs the same
however popular a photo or large the community (counting `social_favourite` rows per request
would grow with both).

A table of its own, `photos_favourite_tally` (photo id, count), not a column on the photo:
a model field would be written back stale by every `photo.save()`, and SQLite rebuilds a
table from its model fields only, which would drop a column Django does not know. Rows
exist only for photos favourited at least once (a count may fall back to 0); a photo's row
goes with the photo. Triggers on `social_favourite` keep it in step, whichever code adds or
removes a favourite (services, erasure, cascades); on SQLite they are re-created after every
migrate (a table rebuild drops them), see photos.search_index.on_migrated."""

PG_INSTALL = """
CREATE TABLE photos_favourite_tally (
  photo_id bigint PRIMARY KEY REFERENCES photos_photo (id) ON DELETE CASCADE,
  favourites integer NOT NULL DEFAULT 0
);

CREATE FUNCTION photos_favourite_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO photos_favourite_tally (photo_id, favourites) VALUES (NEW.photo_id, 1)
  ON CONFLICT (photo_id) DO UPDATE SET favourites = photos_favourite_tally.favourites + 1;
  RETURN NULL;
END $$;

CREATE FUNCTION photos_favourite_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE photos_favourite_tally SET favourites = favourites - 1 WHERE photo_id = OLD.photo_id;
  RETURN NULL;
END $$;

CREATE TRIGGER photos_favourite_added AFTER INSERT ON social_favourite
FOR EACH ROW EXECUTE FUNCTION photos_favourite_added();

CREATE TRIGGER photos_favourite_removed AFTER DELETE ON social_favourite
FOR EACH ROW EXECUTE FUNCTION photos_favourite_removed();

INSERT INTO photos_favourite_tally (photo_id, favourites)
SELECT photo_id, count(*) FROM social_favourite GROUP BY photo_id;
"""

PG_UNINSTALL = """
DROP TRIGGER IF EXISTS photos_favourite_removed ON social_favourite;
DROP TRIGGER IF EXISTS photos_favourite_added ON social_favourite;
DROP FUNCTION IF EXISTS photos_favourite_removed();
DROP FUNCTION IF EXISTS photos_favourite_added();
DROP TABLE IF EXISTS photos_favourite_tally;
"""

SQLITE_TABLE = """CREATE TABLE IF NOT EXISTS photos_favourite_tally (
  photo_id INTEGER PRIMARY KEY, favourites INTEGER NOT NULL DEFAULT 0)"""

SQLITE_TRIGGERS = [
    """CREATE TRIGGER IF NOT EXISTS photos_favourite_added AFTER INSERT ON social_favourite
    BEGIN INSERT INTO photos_favourite_tally (photo_id, favourites) VALUES (new.photo_id, 1)
    ON CONFLICT (photo_id) DO UPDATE SET favourites = favourites + 1; END""",
    """CREATE TRIGGER IF NOT EXISTS photos_favourite_removed AFTER DELETE ON social_favourite
    BEGIN UPDATE photos_favourite_tally SET favourites = favourites - 1
    WHERE photo_id = old.photo_id; END""",
    """CREATE TRIGGER IF NOT EXISTS photos_favourite_photo_gone AFTER DELETE ON photos_photo
    BEGIN DELETE FROM photos_favourite_tally WHERE photo_id = old.id; END""",
]

# Counts made again from the favourites themselves: right after install, and after a
# migrate on SQLite (favourites added while a rebuilt table had no triggers).
SQLITE_RECOUNT = [
    "DELETE FROM photos_favourite_tally",
    """INSERT INTO photos_favourite_tally (photo_id, favourites)
    SELECT photo_id, count(*) FROM social_favourite GROUP BY photo_id""",
]

SQLITE_UNINSTALL = [
    "DROP TRIGGER IF EXISTS photos_favourite_photo_gone",
    "DROP TRIGGER IF EXISTS photos_favourite_removed",
    "DROP TRIGGER IF EXISTS photos_favourite_added",
    "DROP TABLE IF EXISTS photos_favourite_tally",
]

# The sort key: a photo's favourites, 0 when it has no row.
FAVOURITES = (
    "coalesce((SELECT t.favourites FROM photos_favourite_tally t WHERE t.photo_id = {table}.id), 0)"
)


def install(connection) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(PG_INSTALL)
        elif connection.vendor == "sqlite":
            for sql in [SQLITE_TABLE, *SQLITE_TRIGGERS, *SQLITE_RECOUNT]:
                cursor.execute(sql)


def ensure_sqlite_triggers(connection) -> None:
    """Idempotent: after a migrate, the triggers exist again and the counts are right."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE name = 'photos_favourite_tally'")
        if cursor.fetchone() is None:
            return
        for sql in [*SQLITE_TRIGGERS, *SQLITE_RECOUNT]:
            cursor.execute(sql)


def uninstall(connection) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(PG_UNINSTALL)
        elif connection.vendor == "sqlite":
            for sql in SQLITE_UNINSTALL:
                cursor.execute(sql)
