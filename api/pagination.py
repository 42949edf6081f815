"""Limit/offset pages: `{"count", "limit", "offset", "next", "items"}`, newest first."""

from collections.abc import Callable
from typing import Generic, TypeVar

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Schema

from api.schemas.text import ParamsSchema

T = TypeVar("T")
MAX_LIMIT = 100
# Far beyond any list's length, and small enough that `offset + limit` always fits the
# databases' 64-bit LIMIT/OFFSET: a larger one used to end in a database error (a 500).
MAX_OFFSET = 1_000_000_000


class PageParams(ParamsSchema):
    limit: int = Field(20, ge=1, le=MAX_LIMIT, description="Items per page (1–100).")
    offset: int = Field(
        0, ge=0, le=MAX_OFFSET, description="Items to skip (at most 1,000,000,000)."
    )


class Page(Schema, Generic[T]):
    count: int = Field(description="Items in all pages together.")
    limit: int
    offset: int
    next: str | None = Field(description="URL of the next page, or null on the last page.")
    items: list[T]


def page_of(
    request: HttpRequest,
    queryset: QuerySet,
    params: PageParams,
    present: Callable,
    *,
    counted: QuerySet | None = None,
) -> dict:
    """`counted`, when given, is a cheaper queryset with the same rows to count."""
    count = (counted if counted is not None else queryset).count()
    rows = list(queryset[params.offset : params.offset + params.limit])
    following = params.offset + params.limit
    return {
        "count": count,
        "limit": params.limit,
        "offset": params.offset,
        "next": _next_url(request, following) if following < count else None,
        "items": [present(row) for row in rows],
    }


def _next_url(request: HttpRequest, offset: int) -> str:
    query = request.GET.copy()
    query["offset"] = str(offset)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
