"""Reading a Pixelfed export (Settings → Data export): separate JSON files, given as
they are or zipped together: account.json (the account, Mastodon API style) and
outbox.json as `{"data": [Note…]}`. The export holds no images, only their URLs.
Unless the member asks, nothing is fetched: each post with images is listed on the
summary with its address (a skipped item, and a link). When the member asks
(`ImportRun.fetch_media`), each image becomes an item whose file is fetched from its
URL as the import reaches it (rights.movein.fetch_media: the SSRF guard, size and type
checks), so a resumed run fetches only what its dead worker had not committed."""

import hashlib
import json
import zipfile
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import PurePosixPath
from urllib.parse import urljoin, urlsplit

from django.utils.translation import gettext as _

from core.errors import ServiceError
from rights.movein.fetch_media import fetch_image
from rights.movein.html_text import html_to_text
from rights.movein.items import Account, Album, Item, Link
from rights.movein.mastodon import note_items

MAX_JSON = 64 * 1024 * 1024


class NotAPixelfedExport(ServiceError):
    pass


def json_role(data) -> str | None:
    """ "outbox", "account" or None for a parsed JSON file."""
    if isinstance(data, dict) and isinstance(data.get("data"), list):
        return "outbox"
    if isinstance(data, dict) and ("username" in data or "acct" in data):
        return "account"
    return None


def json_files(path) -> Iterator[object]:
    """The parsed JSON of a file, or of every .json in a zip."""
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as zf:
            for info in zf.infolist():
                name = PurePosixPath(info.filename).name.lower()
                if name.endswith(".json") and info.file_size <= MAX_JSON:
                    yield load_json(zf.read(info))
        return
    with open(path, "rb") as file:
        yield load_json(file.read(MAX_JSON + 1))


def load_json(data: bytes):
    try:
        return json.loads(data) if len(data) <= MAX_JSON else None
    except (ValueError, UnicodeDecodeError):
        return None


class PixelfedExport:
    """A `rights.movein.items.Source` over the JSON files (or zips of them) at `paths`."""

    service = "pixelfed"

    def __init__(self, paths, beat: Callable[[], None] = lambda: None, fetch: bool = False):
        self.beat = beat
        self.profile: dict = {}
        notes: list = []
        for path in paths:
            for data in json_files(path):
                role = json_role(data)
                if role == "outbox":
                    notes += [n for n in data["data"] if isinstance(n, dict)]
                elif role == "account":
                    self.profile = data
        if not notes and not self.profile:
            raise NotAPixelfedExport(_("The files hold no Pixelfed outbox.json."))
        actor = {"id": str(self.profile.get("url") or "")}
        self.records: list[Item] = []
        pages: set[str] = set()
        for note in notes:
            if fetch:
                self.records += _fetched_items(note, actor, beat)
                continue
            for item in note_items(note, "", actor):
                if item.page_url in pages:
                    continue  # one entry per post
                pages.add(item.page_url)
                if not item.skip:
                    item.open, item.notes = None, []
                    item.skip = _(
                        "Pixelfed exports hold no images: the post stays at its address; "
                        "its images are not fetched."
                    )
                self.records.append(item)

    def account(self) -> Account:
        return Account(
            name=str(self.profile.get("display_name") or self.profile.get("username") or "")[:80],
            ref=str(self.profile.get("url") or "")[:100],
            description=html_to_text(str(self.profile.get("note") or ""))[:2000],
        )

    def count(self) -> int:
        return len(self.records)

    def items(self) -> Iterator[Item]:
        yield from self.records

    def albums(self) -> Iterator[Album]:
        return iter(())

    def links(self) -> Iterator[Link]:
        pages: set[str] = set()
        for item in self.records:
            if item.page_url and item.page_url not in pages:
                pages.add(item.page_url)
                yield Link("post", (item.title or item.page_url)[:200], item.page_url)

    def close(self) -> None:
        pass


def _fetched_items(note: dict, actor: dict, beat: Callable[[], None]) -> list[Item]:
    """The post's images as items fetched from their URLs when imported."""
    items = note_items(note, "", actor)
    images = [
        a
        for a in note.get("attachment") or []
        if isinstance(a, dict) and str(a.get("mediaType") or "image/").lower().startswith("image/")
    ]
    photos = [item for item in items if not item.skip and not item.video]
    for item, attachment in zip(photos, images, strict=False):
        url = urljoin(item.page_url, str(attachment.get("url") or ""))[:500]
        item.name, item.source_id = url, _number(url)
        item.external_id = _media_id(url)
        if urlsplit(url).scheme in ("http", "https"):
            item.open = partial(fetch_image, url, beat)
    return items


def _number(key: str) -> int:
    return int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "big") >> 1


def _media_id(url: str) -> str:
    """Pixelfed names each stored image by a random token: a stable id for "imported
    before" (a second import neither fetches nor adds it again)."""
    stem = PurePosixPath(urlsplit(url).path).stem
    return (stem if len(stem) >= 8 else hashlib.sha256(url.encode()).hexdigest())[:40]
