"""What an archive reader yields: plain records, independent of the service they come
from. A reader (`Source`) never touches the database; the shared import step does."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import IO, Protocol

from core.errors import ServiceError


class Unavailable(ServiceError):
    """An item's file cannot be had (a fetch that failed): the item is skipped with
    this message, the import goes on."""


@dataclass
class Comment:
    author: str
    author_url: str
    text: str
    posted_at: datetime | None


@dataclass
class Item:
    """One photo (or video) of the archive. `open` gives the media stream, read once;
    None when the archive holds no media for this item. `notes` are changes the reader
    made that the member should know of (an unknown licence read as all rights reserved)."""

    source_id: int
    name: str
    open: Callable[[], IO[bytes]] | None = None
    size: int = 0
    video: bool = False
    metadata: bool = True
    external_id: str = ""
    account_ref: str = ""
    page_url: str = ""
    title: str = ""
    description: str = ""
    alt_text: str = ""
    sensitive: bool = False  # the member's own content warning there
    skip: str = ""  # why the reader leaves it out (a direct message), if it does
    tags: list[str] = field(default_factory=list)
    licence: str = "arr"
    visibility: str = "private"
    taken_at: datetime | None = None
    uploaded_at: datetime | None = None
    latitude: float | None = None
    longitude: float | None = None
    comments: list[Comment] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class Album:
    source_id: int
    title: str
    description: str = ""
    photo_ids: list[int] = field(default_factory=list)
    cover_id: int | None = None


@dataclass
class Link:
    kind: str  # "fave", "contact", "like", "bookmark" or "post"
    name: str
    url: str


@dataclass
class Account:
    name: str = ""
    ref: str = ""  # the account's id at the source (Flickr's NSID)
    description: str = ""


class Source(Protocol):
    """An opened archive (one or several files) of one service."""

    service: str

    def account(self) -> Account: ...

    def count(self) -> int: ...

    def items(self) -> Iterator[Item]: ...

    def albums(self) -> Iterator[Album]: ...

    def links(self) -> Iterator[Link]: ...

    def close(self) -> None: ...
