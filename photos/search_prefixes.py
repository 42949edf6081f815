# ruff: noqa: S608 — constant SQL; no input reaches it.
"""Word prefixes as exact lexemes (edge n-grams) for the PostgreSQL photo search.

GIN matches a prefix query (`berl:*`) by collecting the postings of every word with that
prefix across the whole table into a bitmap before anything else is read: no skipping,
so a common word cost in proportion to all its matches, however few were wanted. Here
each photo also has `search_prefixes`, every prefix of every lexeme of its
`search_document` ("b", "be", "ber", "berl", ... of "berlin", the same of the German and
English stems), kept in step as a stored generated column, with the GIN index. A search
word is then one exact lexeme, and GIN's fast scan intersects its posting tree with the
newest id blocks' (`#<id // BLOCK>`, kept whole, never cut into prefixes) by skipping:
the rows read stay bounded by the blocks, not by the site. Ranking still reads
`search_document` (weights, positions), for the few hundred candidates only."""

PG_INSTALL = """
CREATE FUNCTION photos_search_prefixes(doc tsvector) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(array_to_tsvector(array_agg(DISTINCT left(w, n))), ''::tsvector)
  FROM unnest(tsvector_to_array(doc)) AS w,
       generate_series(CASE WHEN left(w, 1) = '#' THEN length(w) ELSE 1 END, length(w)) AS n
$$;

ALTER TABLE photos_photo ADD COLUMN search_prefixes tsvector
  GENERATED ALWAYS AS (photos_search_prefixes(search_document)) STORED;

CREATE INDEX photos_photo_search_prefixes ON photos_photo
  USING gin (search_prefixes);

DROP INDEX IF EXISTS photos_photo_search_document;
"""

PG_UNINSTALL = """
CREATE INDEX IF NOT EXISTS photos_photo_search_document ON photos_photo
  USING gin (search_document);
DROP INDEX IF EXISTS photos_photo_search_prefixes;
ALTER TABLE photos_photo DROP COLUMN IF EXISTS search_prefixes;
DROP FUNCTION IF EXISTS photos_search_prefixes(tsvector);
"""


def install(connection) -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(PG_INSTALL)


def uninstall(connection) -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(PG_UNINSTALL)
