"""Keyset ("seek") pagination: a page starts after the last row of the one before, found
through the list's own order and index, so page 10,000 costs what page 1 costs and no
request counts the rows.

A list's order (its `order_by`, else the model's `Meta.ordering`) becomes the key; the
primary key is added as the last column when missing so the order is total. A cursor is
the key of a page's first or last row and the direction to go, signed (tamper-evident, and
bound to the list's model and order: a cursor from one list is refused by another) and
checked field by field when read. Every column of a key must be non-null.
"""

import base64
import binascii
import json
import math
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.core import signing
from django.db.models import F, Q, QuerySet
from django.db.models.expressions import OrderBy
from django.utils import timezone
from django.utils.translation import gettext

from core.errors import ServiceError

AFTER = "a"  # the rows after the key in the list's order ("older" on a newest-first list)
BEFORE = "b"  # the rows before it
MAX_CURSOR_LENGTH = 1000
BIGINT = 2**63
_INTEGERS = {
    "AutoField",
    "BigAutoField",
    "SmallAutoField",
    "IntegerField",
    "BigIntegerField",
    "SmallIntegerField",
    "PositiveIntegerField",
    "PositiveBigIntegerField",
    "PositiveSmallIntegerField",
}
_TEXTS = {"CharField", "TextField", "SlugField", "EmailField"}


class CursorError(ServiceError):
    """A cursor that is not one this list handed out: answered 400, never a 500."""

    def __init__(self, parameter: str = "cursor"):
        super().__init__(
            gettext(
                "The `%(parameter)s` is not valid for this list: use the value from a "
                "`next` link unchanged, or leave it out to start at the beginning."
            )
            % {"parameter": parameter}
        )


@dataclass(frozen=True)
class KeysetPage:
    """One page in the list's order, and the cursors of the pages around it (None at
    either end). `previous_cursor` is None on a page reached without a cursor."""

    items: list
    next_cursor: str | None
    previous_cursor: str | None


@dataclass(frozen=True)
class _Column:
    alias: str
    descending: bool
    kind: str


def keyset_page(
    queryset: QuerySet, *, cursor: str | None = None, size: int, offset: int = 0
) -> KeysetPage:
    """`size` rows after (or before) `cursor`; without one, `size` rows from `offset`
    (kept for old clients, so the caller bounds it). One query, reading one row more than
    the page holds to learn whether another page follows."""
    keyed, columns = _keyed(queryset)
    signer = _signer(queryset, columns)
    if not cursor:
        rows = list(keyed[offset : offset + size + 1])
        more = len(rows) > size
        rows = rows[:size]
        previous = _cursor(signer, columns, rows[0], BEFORE) if rows and offset else None
        following = _cursor(signer, columns, rows[-1], AFTER) if more else None
        return KeysetPage(rows, following, previous)
    values, direction = _decode(signer, columns, cursor)
    seek = keyed.filter(_seek(columns, values, direction))
    if direction == BEFORE:
        seek = seek.reverse()
    rows = list(seek[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    if direction == BEFORE:
        rows.reverse()
    if not rows:
        return KeysetPage([], None, None)
    earlier = more if direction == BEFORE else True
    later = more if direction == AFTER else True
    return KeysetPage(
        rows,
        _cursor(signer, columns, rows[-1], AFTER) if later else None,
        _cursor(signer, columns, rows[0], BEFORE) if earlier else None,
    )


def _keyed(queryset: QuerySet) -> tuple[QuerySet, list[_Column]]:
    """The queryset with each order column annotated as `keyset_<n>` (reusing the joins
    the filters made, so an order through a relation keeps meaning the same row)."""
    terms = _ordering(queryset)
    annotations, columns = {}, []
    for n, (expression, descending) in enumerate(terms):
        alias = f"keyset_{n}"
        annotations[alias] = expression
        columns.append((alias, descending))
    keyed = queryset.annotate(**annotations).order_by(
        *(F(alias).desc() if desc else F(alias).asc() for alias, desc in columns)
    )
    kinds = [
        keyed.query.annotations[alias].output_field.get_internal_type() for alias, _ in columns
    ]
    return keyed, [_Column(a, d, k) for (a, d), k in zip(columns, kinds, strict=True)]


def _ordering(queryset: QuerySet) -> list[tuple[Any, bool]]:
    meta = queryset.model._meta
    order = queryset.query.order_by or (meta.ordering if queryset.query.default_ordering else ())
    terms: list[tuple[Any, bool]] = []
    for term in order:
        if isinstance(term, OrderBy):
            terms.append((term.expression, term.descending))
            continue
        if not isinstance(term, str) or term == "?":
            raise TypeError(f"Keyset pages need a column order, not {term!r}.")
        name = term.lstrip("-")
        terms.append((F(meta.pk.name if name == "pk" else name), term.startswith("-")))
    if not any(_is_pk(expression, meta) for expression, _ in terms):
        terms.append((F(meta.pk.name), terms[-1][1] if terms else True))
    return terms


def _is_pk(expression, meta) -> bool:
    return isinstance(expression, F) and expression.name in ("pk", meta.pk.name, meta.pk.attname)


def _seek(columns: list[_Column], values: list, direction: str) -> Q:
    """Rows strictly past `values`: (a, b, c) after (x, y, z) is a > x, or a = x and
    b > y, or a = x and b = y and c > z (each column in its own direction). The first
    column's non-strict bound comes first so the database can range-scan its index."""

    def beyond(column: _Column) -> str:
        return "lt" if column.descending == (direction == AFTER) else "gt"

    first = columns[0]
    bound = Q(**{f"{first.alias}__{beyond(first)}e": values[0]})
    either = Q()
    for n, column in enumerate(columns):
        equal = {c.alias: v for c, v in zip(columns[:n], values[:n], strict=True)}
        either |= Q(**equal, **{f"{column.alias}__{beyond(column)}": values[n]})
    return bound & either


def _signer(queryset: QuerySet, columns: list[_Column]) -> signing.Signer:
    order = ",".join(("-" if c.descending else "") + c.kind for c in columns)
    return signing.Signer(salt=f"core.keyset:{queryset.model._meta.label}:{order}")


def _cursor(signer: signing.Signer, columns: list[_Column], row, direction: str) -> str:
    values = [_dump(getattr(row, c.alias), c) for c in columns]
    payload = json.dumps({"k": values, "d": direction}, separators=(",", ":"))
    return signer.sign(base64.urlsafe_b64encode(payload.encode()).decode().rstrip("="))


def _dump(value, column: _Column):
    if value is None:
        raise ValueError(f"Keyset column {column.alias} is null; order by non-null columns.")
    if isinstance(value, date):
        return value.isoformat()
    return value


def _decode(signer: signing.Signer, columns: list[_Column], cursor: str) -> tuple[list, str]:
    """Strict: a cursor this list did not sign, or one whose content is not exactly a key
    of this list's columns and a direction, is refused."""
    if len(cursor) > MAX_CURSOR_LENGTH:
        raise CursorError()
    try:
        encoded = signer.unsign(cursor)
        payload = json.loads(base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)))
    except (signing.BadSignature, binascii.Error, ValueError):
        raise CursorError() from None
    if not isinstance(payload, dict) or set(payload) != {"k", "d"}:
        raise CursorError()
    values, direction = payload["k"], payload["d"]
    if direction not in (AFTER, BEFORE) or not isinstance(values, list):
        raise CursorError()
    if len(values) != len(columns):
        raise CursorError()
    return [_load(v, c) for v, c in zip(values, columns, strict=True)], direction


def _load(value, column: _Column):
    kind = column.kind
    if kind in _INTEGERS and type(value) is int and -BIGINT <= value < BIGINT:
        return value
    if kind == "BooleanField" and type(value) is bool:
        return value
    if kind in _TEXTS and type(value) is str:
        return value
    if kind == "FloatField" and type(value) in (int, float) and math.isfinite(value):
        return float(value)  # a rank, say: JSON carries a float's exact value
    if kind in ("DateTimeField", "DateField") and type(value) is str:
        return _moment(value, kind)
    raise CursorError()


def _moment(value: str, kind: str):
    try:
        if kind == "DateField":
            return date.fromisoformat(value)
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise CursorError() from None
    if timezone.is_naive(moment):
        raise CursorError()
    return moment
