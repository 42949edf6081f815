"""Paged web lists on a keyset (core.keyset): "older" and "newer" links carry a `cursor`,
so a deep page costs what the first one costs, and nothing counts the rows.

Links of the form `?page=N` from before keep working for the first OLD_PAGES pages (read
by offset, which stays cheap that close to the start); a later or unreadable page number
redirects to the first page with a message. A cursor that was altered answers 400.
"""

from dataclasses import dataclass
from functools import wraps

from django.contrib import messages
from django.core.exceptions import BadRequest
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from core.keyset import CursorError, keyset_page

PER_PAGE = 30
OLD_PAGES = 50


@dataclass
class Page:
    """`older` / `newer`: the cursors of the neighbouring pages, None at either end;
    `newer_is_first`: the page before is the first (or, on a page emptied meanwhile, the
    way back), linked without a cursor."""

    items: list
    older: str | None
    newer: str | None
    newer_is_first: bool = False


def paged(request, queryset, per_page: int | None = None) -> Page:
    """The page the request's `cursor` (or old `page` number) names, in the list's order."""
    per_page = per_page or PER_PAGE
    cursor = request.GET.get("cursor") or None
    number = 1 if cursor else old_page_number(request.GET.get("page")) or 1
    try:
        page = keyset_page(queryset, cursor=cursor, size=per_page, offset=(number - 1) * per_page)
    except CursorError as error:
        raise BadRequest(error.message) from None
    emptied = not page.items and (cursor or number > 1)  # past the end, rows gone meanwhile
    to_first = number == 2 or bool(emptied)
    return Page(page.items, page.next_cursor, None if to_first else page.previous_cursor, to_first)


def old_page_number(raw: str | None) -> int | None:
    """A `?page=` number still served, else None."""
    if raw is None or not raw.isdigit() or not 1 <= int(raw) <= OLD_PAGES:
        return None
    return int(raw)


def old_page_links(view):
    """Redirects a `?page=N` link past OLD_PAGES (or not a number) to the first page."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        raw = request.GET.get("page")
        if raw is None or old_page_number(raw) is not None:
            return view(request, *args, **kwargs)
        messages.info(
            request,
            _(
                "Pages are now reached through the “Older” and “Newer” links, and that "
                "page number is no longer kept. Here are the newest items."
            ),
        )
        query = request.GET.copy()
        query.pop("page")
        query.pop("cursor", None)
        return redirect(f"{request.path}?{query.urlencode()}" if query else request.path)

    return wrapped
