# ruff: noqa: S608 — constant SQL assembled from constants; no input reaches it.
"""The full-text index of photos, in SQL, one dialect per database.

PostgreSQL: a `search_document` tsvector column on photos_photo (not a model field, so
Django never reads or writes it), weighted title and tags A, description B, the owner's
shown name C, each under the `simple`, `german` and `english` configurations, with a GIN
index (since photos 0006 the GIN index is on `search_prefixes`, its words' prefixes as
exact lexemes: photos/search_prefixes.py). Each document also holds its id block,
`#<id // BLOCK>` (no search word can spell it: words are letters and digits): the GIN
index then finds the newest matches by intersecting a word's postings with the newest
blocks', without reading older rows.
Triggers keep it in step: a photo's title, description or owner changes (row
trigger), its tags change (statement triggers on the tag table).

SQLite: an FTS5 external-content table `photos_search_fts` over `photos_search_doc`, a
plain table holding exactly the text that was indexed (title, tags, description, owner
name), kept in step by triggers. FTS5 must repeat a row's old text to delete it from the
index; a live view over photos, tags and users would change under the index (an owner's new
name) and corrupt it, so the indexed text is stored once in the content table.

An owner's new display name reaches their photos' documents in the background
(`photos.tasks.photo_search_owner_refresh_task`), never in the request that changed it.
"""

BLOCK = 10_000  # the id block lexeme in PG_DOCUMENT divides by this

PG_WEIGHTED = """
CREATE OR REPLACE FUNCTION photos_search_weighted(body text, weight "char")
RETURNS tsvector LANGUAGE sql IMMUTABLE AS $$
  SELECT setweight(to_tsvector('simple', coalesce(body, '')), weight)
      || setweight(to_tsvector('german', coalesce(body, '')), weight)
      || setweight(to_tsvector('english', coalesce(body, '')), weight)
$$;
"""

PG_DOCUMENT = """
CREATE OR REPLACE FUNCTION photos_search_document(
  p_id bigint, p_title text, p_description text, p_owner bigint
) RETURNS tsvector LANGUAGE sql STABLE AS $$
  SELECT photos_search_weighted(p_title, 'A')
      || photos_search_weighted((
           SELECT string_agg(t.name, ' ') FROM photos_photo_tags pt
           JOIN photos_tag t ON t.id = pt.tag_id WHERE pt.photo_id = p_id), 'A')
      || photos_search_weighted(p_description, 'B')
      || photos_search_weighted((
           SELECT coalesce(nullif(u.display_name, ''), u.username)
           FROM accounts_user u WHERE u.id = p_owner), 'C')
      || array_to_tsvector(ARRAY['#' || (p_id / 10000)::text])
$$;
"""

PG_TRIGGERS = """
ALTER TABLE photos_photo ADD COLUMN search_document tsvector;

CREATE FUNCTION photos_search_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_document := photos_search_document(NEW.id, NEW.title, NEW.description, NEW.owner_id);
  RETURN NEW;
END $$;

CREATE TRIGGER photos_search_row BEFORE INSERT OR UPDATE OF title, description, owner_id
ON photos_photo FOR EACH ROW EXECUTE FUNCTION photos_search_row();

CREATE FUNCTION photos_search_tags_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE photos_photo p SET search_document =
    photos_search_document(p.id, p.title, p.description, p.owner_id)
  WHERE p.id IN (SELECT DISTINCT photo_id FROM changed_rows);
  RETURN NULL;
END $$;

CREATE TRIGGER photos_search_tags_added AFTER INSERT ON photos_photo_tags
REFERENCING NEW TABLE AS changed_rows
FOR EACH STATEMENT EXECUTE FUNCTION photos_search_tags_added();

CREATE TRIGGER photos_search_tags_removed AFTER DELETE ON photos_photo_tags
REFERENCING OLD TABLE AS changed_rows
FOR EACH STATEMENT EXECUTE FUNCTION photos_search_tags_added();

UPDATE photos_photo SET search_document =
  photos_search_document(id, title, description, owner_id);

CREATE INDEX photos_photo_search_document ON photos_photo USING gin (search_document);
"""

PG_DROP = """
DROP INDEX IF EXISTS photos_photo_search_document;
DROP TRIGGER IF EXISTS photos_search_tags_removed ON photos_photo_tags;
DROP TRIGGER IF EXISTS photos_search_tags_added ON photos_photo_tags;
DROP TRIGGER IF EXISTS photos_search_row ON photos_photo;
DROP FUNCTION IF EXISTS photos_search_tags_added();
DROP FUNCTION IF EXISTS photos_search_row();
ALTER TABLE photos_photo DROP COLUMN IF EXISTS search_document;
DROP FUNCTION IF EXISTS photos_search_document(bigint, text, text, bigint);
DROP FUNCTION IF EXISTS photos_search_weighted(text, "char");
"""

SQLITE_OWNER_NAME = (
    "coalesce((SELECT coalesce(nullif(u.display_name, ''), u.username) "
    "FROM accounts_user u WHERE u.id = {owner}), '')"
)
SQLITE_TAGS = (
    "coalesce((SELECT group_concat(t.name, ' ') FROM photos_photo_tags pt "
    "JOIN photos_tag t ON t.id = pt.tag_id WHERE pt.photo_id = {photo}), '')"
)

SQLITE_TABLES = [
    """CREATE TABLE IF NOT EXISTS photos_search_doc (
      photo_id INTEGER PRIMARY KEY, title TEXT NOT NULL DEFAULT '',
      tags TEXT NOT NULL DEFAULT '', description TEXT NOT NULL DEFAULT '',
      owner_name TEXT NOT NULL DEFAULT '')""",
    """CREATE VIRTUAL TABLE IF NOT EXISTS photos_search_fts USING fts5(
      title, tags, description, owner_name,
      content='photos_search_doc', content_rowid='photo_id',
      tokenize='porter unicode61 remove_diacritics 2')""",
]

_FTS_COLUMNS = "rowid, title, tags, description, owner_name"
_FTS_DELETE = (
    f"INSERT INTO photos_search_fts(photos_search_fts, {_FTS_COLUMNS}) VALUES "
    "('delete', old.photo_id, old.title, old.tags, old.description, old.owner_name);"
)
_FTS_INSERT = (
    f"INSERT INTO photos_search_fts({_FTS_COLUMNS}) VALUES "
    "(new.photo_id, new.title, new.tags, new.description, new.owner_name);"
)

# Re-created after every migrate (photos.apps): SQLite drops a table's triggers when Django
# rebuilds the table to alter it.
SQLITE_TRIGGERS = [
    f"""CREATE TRIGGER IF NOT EXISTS photos_search_doc_ai AFTER INSERT ON photos_search_doc
    BEGIN {_FTS_INSERT} END""",
    f"""CREATE TRIGGER IF NOT EXISTS photos_search_doc_ad AFTER DELETE ON photos_search_doc
    BEGIN {_FTS_DELETE} END""",
    f"""CREATE TRIGGER IF NOT EXISTS photos_search_doc_au AFTER UPDATE ON photos_search_doc
    BEGIN {_FTS_DELETE} {_FTS_INSERT} END""",
    f"""CREATE TRIGGER IF NOT EXISTS photos_search_photo_ai AFTER INSERT ON photos_photo
    BEGIN INSERT INTO photos_search_doc(photo_id, title, tags, description, owner_name)
    VALUES (new.id, new.title, {SQLITE_TAGS.format(photo="new.id")}, new.description,
            {SQLITE_OWNER_NAME.format(owner="new.owner_id")}); END""",
    f"""CREATE TRIGGER IF NOT EXISTS photos_search_photo_au
    AFTER UPDATE OF title, description, owner_id ON photos_photo
    BEGIN UPDATE photos_search_doc SET title = new.title, description = new.description,
      owner_name = {SQLITE_OWNER_NAME.format(owner="new.owner_id")}
    WHERE photo_id = new.id; END""",
    """CREATE TRIGGER IF NOT EXISTS photos_search_photo_ad AFTER DELETE ON photos_photo
    BEGIN DELETE FROM photos_search_doc WHERE photo_id = old.id; END""",
    f"""CREATE TRIGGER IF NOT EXISTS photos_search_tag_ai AFTER INSERT ON photos_photo_tags
    BEGIN UPDATE photos_search_doc SET tags = {SQLITE_TAGS.format(photo="new.photo_id")}
    WHERE photo_id = new.photo_id; END""",
    f"""CREATE TRIGGER IF NOT EXISTS photos_search_tag_ad AFTER DELETE ON photos_photo_tags
    BEGIN UPDATE photos_search_doc SET tags = {SQLITE_TAGS.format(photo="old.photo_id")}
    WHERE photo_id = old.photo_id; END""",
]

SQLITE_BACKFILL = f"""
INSERT OR IGNORE INTO photos_search_doc(photo_id, title, tags, description, owner_name)
SELECT p.id, p.title, {SQLITE_TAGS.format(photo="p.id")}, p.description,
       {SQLITE_OWNER_NAME.format(owner="p.owner_id")}
FROM photos_photo p WHERE p.id NOT IN (SELECT photo_id FROM photos_search_doc)
"""

SQLITE_DROP = [
    "DROP TABLE IF EXISTS photos_search_fts",
    "DROP TABLE IF EXISTS photos_search_doc",
    *(
        f"DROP TRIGGER IF EXISTS {name}"
        for name in (
            "photos_search_photo_ai",
            "photos_search_photo_au",
            "photos_search_photo_ad",
            "photos_search_tag_ai",
            "photos_search_tag_ad",
        )
    ),
]


def install(connection) -> None:
    """Create (or re-create) the index, its triggers, and fill it from existing rows."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for sql in (PG_WEIGHTED, PG_DOCUMENT, PG_TRIGGERS):
                cursor.execute(sql)
        elif connection.vendor == "sqlite":
            for sql in [*SQLITE_TABLES, *SQLITE_TRIGGERS, SQLITE_BACKFILL]:
                cursor.execute(sql)


def ensure_sqlite_triggers(connection) -> None:
    """Idempotent: the SQLite triggers exist (a table rebuild by a later migration drops
    them) and photos added meanwhile have a document."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE name = 'photos_search_doc'")
        if cursor.fetchone() is None:
            return
        for sql in [*SQLITE_TRIGGERS, SQLITE_BACKFILL]:
            cursor.execute(sql)


def uninstall(connection) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(PG_DROP)
        elif connection.vendor == "sqlite":
            for sql in SQLITE_DROP:
                cursor.execute(sql)
