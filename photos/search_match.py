"""The words of a search and the SQL that matches them, per database.

User text never reaches the database as query syntax: a search is cut into words of
letters and digits (`search_terms`), and the tsquery (PostgreSQL) or FTS5 MATCH string
(SQLite) is built from those words only, each quoted and prefix-matched. Operators
(`& | ! :* " * ^ ( ) - NEAR OR col:`) are either dropped as non-word characters or end up
as plain words."""

import re

from django.db import connection
from django.db.models import BooleanField, Expression, F, FloatField
from django.utils.translation import gettext as _

from core.errors import ServiceError

MAX_QUERY_CHARS = 200
MAX_TERMS = 8
_WORD = re.compile(r"[^\W_]+")

# ts_rank's weights for D, C, B, A: title and tags (A) above the description (B) above the
# owner's name (C). FTS5's bm25 takes one weight per column, in column order.
_BM25 = "bm25(photos_search_fts, 10.0, 10.0, 4.0, 2.0)"


class SearchRefused(ServiceError):
    pass


def search_terms(query: str) -> list[str]:
    """At most eight lower-cased words; none for a blank or operator-only search."""
    if len(query) > MAX_QUERY_CHARS:
        raise SearchRefused(
            _("A search can be at most %(count)d characters long; shorten it.")
            % {"count": MAX_QUERY_CHARS}
        )
    return [word.lower() for word in _WORD.findall(query)][:MAX_TERMS]


class OnRow(Expression):
    """SQL over columns Django does not model (the search document), written against
    whatever alias the query gives the row's table, also inside a subquery."""

    def __init__(self, template: str, params: list, output_field):
        super().__init__(output_field=output_field)
        self.anchor = F("pk")
        self.template, self.params = template, params

    def get_source_expressions(self):
        return [self.anchor]

    def set_source_expressions(self, exprs):
        (self.anchor,) = exprs

    def as_sql(self, compiler, connection):
        table = compiler.quote_name_unless_alias(self.anchor.alias)
        return self.template.format(table=table), list(self.params)


def _tsquery(terms: list[str], *, prefix: bool = True) -> tuple[str, list[str]]:
    """Every word, as a prefix, in its simple, German or English form, each form written
    once: the three configurations mostly agree ('light':* thrice) and every repeat is
    another pass over the index. A stop word of one configuration drops out of that one
    only. Computed once per query (an uncorrelated subquery); PostgreSQL writes and quotes
    each form itself. `prefix=False`: the forms as exact lexemes, for `search_prefixes`
    (photos/search_prefixes.py), where an exact lexeme is a prefix of a word."""
    word = (
        "(SELECT string_agg(DISTINCT '(' || f || ')', ' | ')::tsquery FROM unnest(ARRAY["
        "to_tsquery('simple', %s)::text, to_tsquery('german', %s)::text, "
        "to_tsquery('english', %s)::text]) AS f WHERE f <> '')"
    )
    tail = ":*" if prefix else ""
    return " && ".join([word] * len(terms)), [f"{t}{tail}" for t in terms for _ in range(3)]


def _fts5_match(terms: list[str]) -> str:
    return " ".join(f'"{t}"*' for t in terms)


def photo_match(terms: list[str], walked: str = "") -> OnRow:
    """`walked` (PostgreSQL): the SQL name of a row with the tsquery to match (`query`) and
    the id every match is below (`below`), a constant name, never input: photos.search's
    walk over the id blocks."""
    if connection.vendor == "postgresql":
        if walked:
            # id + 0: a filter on the rows found, never a scan of the primary key's range
            below = f"{{table}}.id + 0 < {walked}.below"
            sql = f"{{table}}.search_prefixes @@ {walked}.query AND {below}"
            return OnRow(sql, [], BooleanField())
        sql, params = _tsquery(terms, prefix=False)
        return OnRow(f"{{table}}.search_prefixes @@ ({sql})", params, BooleanField())
    return OnRow(
        "{table}.id IN (SELECT rowid FROM photos_search_fts WHERE photos_search_fts MATCH %s)",
        [_fts5_match(terms)],
        BooleanField(),
    )


def words_query(terms: list[str]) -> tuple[str, list[str]]:
    """PostgreSQL: the tsquery of `photo_match` as SQL, to compute once and combine."""
    return _tsquery(terms, prefix=False)


def photo_rank(terms: list[str]) -> OnRow:
    """Higher is more relevant, on both databases."""
    if connection.vendor == "postgresql":
        sql, params = _tsquery(terms)
        # float8: a real would reach Python rounded through text and miss itself in a cursor
        rank = f"ts_rank({{table}}.search_document, {sql})::float8"
        return OnRow(rank, params, FloatField())
    return OnRow(
        f"(SELECT -{_BM25} FROM photos_search_fts WHERE photos_search_fts MATCH %s"  # noqa: S608
        " AND rowid = {table}.id)",
        [_fts5_match(terms)],
        FloatField(),
    )


# The same expression as the index in accounts/migrations/0006_search_people_index.py.
PEOPLE_DOCUMENT = (
    "to_tsvector('simple'::regconfig, {table}.username || ' ' || {table}.display_name)"
)


def person_match(terms: list[str]) -> OnRow:
    if connection.vendor == "postgresql":
        sql = " && ".join(["to_tsquery('simple', %s)"] * len(terms))
        return OnRow(f"{PEOPLE_DOCUMENT} @@ ({sql})", [f"{t}:*" for t in terms], BooleanField())
    likes = " AND ".join(
        ["({table}.username LIKE %s OR {table}.display_name LIKE %s)"] * len(terms)
    )
    return OnRow(likes, [f"%{t}%" for t in terms for _ in range(2)], BooleanField())
