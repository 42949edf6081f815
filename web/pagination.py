"""Cheap pagination: one query per page and no COUNT(*), so long lists stay fast."""

from dataclasses import dataclass

PER_PAGE = 30


@dataclass
class Page:
    items: list
    number: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def next_number(self) -> int:
        return self.number + 1

    @property
    def previous_number(self) -> int:
        return self.number - 1


def page_of(queryset, page: str | None, per_page: int = PER_PAGE) -> Page:
    """Fetch one row more than the page holds to learn whether a next page exists."""
    try:
        number = max(1, min(int(page or 1), 10_000))
    except ValueError:
        number = 1
    start = (number - 1) * per_page
    rows = list(queryset[start : start + per_page + 1])
    return Page(items=rows[:per_page], number=number, has_next=len(rows) > per_page)
