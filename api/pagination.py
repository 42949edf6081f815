"""Pages of every API list: `{"limit", "offset", "next", "next_cursor", "items"}` in the
list's own order, paged by an opaque cursor (core.keyset). No list counts its rows.

`offset` still works up to MAX_OFFSET for clients written before cursors; a larger one is
refused with 400 naming `cursor`, since skipping rows costs as many rows as are skipped.
"""

from collections.abc import Callable
from typing import Generic, TypeVar

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from ninja import Field, Schema

from api.schemas.text import ParamsSchema
from core.errors import ServiceError
from core.keyset import MAX_CURSOR_LENGTH, keyset_page

T = TypeVar("T")
MAX_LIMIT = 100
MAX_OFFSET = 10_000


class PageParams(ParamsSchema):
    limit: int = Field(20, ge=1, le=MAX_LIMIT, description="Items per page (1–100).")
    cursor: str | None = Field(
        None,
        max_length=MAX_CURSOR_LENGTH,
        description="Where to continue: the `next_cursor` of the page before, unchanged "
        "(the `next` link carries it). Leave out for the first page; an altered or foreign "
        "cursor answers 400.",
    )
    offset: int = Field(
        0,
        ge=0,
        description=f"Items to skip, for older clients: at most {MAX_OFFSET:,} (more answers "
        "400; page with `cursor` instead). Not together with `cursor`.",
    )


class Page(Schema, Generic[T]):
    """One page of a list in the list's own order. No total is given (counting a large list
    costs as much as reading it): follow `next` until it is null."""

    limit: int
    offset: int | None = Field(description="The offset asked for; null when paging by cursor.")
    next: str | None = Field(description="URL of the next page, or null on the last page.")
    next_cursor: str | None = Field(
        description="The `cursor` of the next page (the one in `next`), or null on the last."
    )
    items: list[T]


def page_of(
    request: HttpRequest, queryset: QuerySet, params: PageParams, present: Callable
) -> dict:
    """One page of `queryset` in its own order, items presented by `present`."""
    if params.offset > MAX_OFFSET:
        raise ServiceError(
            _(
                "offset may be at most %(max)s; page further with `cursor` (follow the "
                "`next` link of each page)."
            )
            % {"max": number_format(MAX_OFFSET, force_grouping=True)}
        )
    if params.cursor and params.offset:
        raise ServiceError(_("Send either `cursor` or `offset`, not both."))
    page = keyset_page(queryset, cursor=params.cursor, size=params.limit, offset=params.offset)
    return {
        "limit": params.limit,
        "offset": None if params.cursor else params.offset,
        "next": _next_url(request, page.next_cursor) if page.next_cursor else None,
        "next_cursor": page.next_cursor,
        "items": [present(row) for row in page.items],
    }


def _next_url(request: HttpRequest, cursor: str) -> str:
    query = request.GET.copy()
    query.pop("offset", None)
    query["cursor"] = cursor
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
