"""Reading a Mastodon account archive (Preferences → Import and export → Request your
archive): one `.tar.gz` holding outbox.json (an OrderedCollection of `Create` activities
with full Notes, and `Announce` activities whose object is a bare URI: boosts of other
people's posts, skipped), actor.json, likes.json and bookmarks.json (URI lists, listed
as links) and media_attachments/files/….

Mastodon writes the media before the JSON, and a gzip stream cannot seek back cheaply,
so the archive is read in two streaming passes and never extracted: the first keeps
only the small JSON files, the second hands over each image as its tar member streams
by. An attachment's `url` may be relative, start with `/media_attachments/…` or carry a
bucket prefix (`/bucket/media_attachments/…`): it is matched on its part from
`media_attachments/`.

Visibility never becomes wider: public and unlisted posts are imported public (an
unlisted post was public on its page), followers-only posts private (Candid's followers
are other people), direct messages are left out."""

import hashlib
import json
import re
import tarfile
import zipfile
import zlib
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import PurePosixPath
from typing import IO

from django.utils.translation import gettext as _

from core.errors import ServiceError
from rights.movein.html_text import html_to_text
from rights.movein.items import Account, Album, Item, Link
from rights.movein.zip_members import member_open

PUBLIC = {"https://www.w3.org/ns/activitystreams#Public", "as:Public", "Public"}
JSON_FILES = {"outbox.json", "actor.json", "likes.json", "bookmarks.json"}
MAX_JSON = 256 * 1024 * 1024
MEDIA = "media_attachments/"
# A hashtag's or a mention's link: its text (#sunset, @bob) says enough.
MENTION = re.compile(r"<a\s[^>]*class=\"[^\"]*\b(?:mention|hashtag)\b[^\"]*\"[^>]*>", re.I)


class NotAMastodonArchive(ServiceError):
    pass


def media_key(url: str) -> str:
    """The part of a media path or URL from `media_attachments/` on ("" if none)."""
    path = str(url or "").split("?", 1)[0]
    at = path.find(MEDIA)
    return path[at:] if at >= 0 else ""


def number(key: str) -> int:
    """A stable positive 63-bit id for a text key (ImportItem.source_id)."""
    return int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "big") >> 1


def is_mastodon_tar(stream: IO[bytes]) -> bool:
    """An outbox.json and an actor.json at the top of a gzip'd tar."""
    found: set[str] = set()
    try:
        with tarfile.open(fileobj=stream, mode="r|gz") as tar:
            for info in tar:
                found.add(info.name.lstrip("./"))
                if {"outbox.json", "actor.json"} <= found:
                    return True
    except (tarfile.TarError, OSError, EOFError, zlib.error):
        return False
    return False


def _json(data: bytes):
    try:
        return json.loads(data)
    except (ValueError, UnicodeDecodeError):
        return None


def _moment(value) -> datetime | None:
    try:
        moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except (TypeError, ValueError):
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _uris(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def visibility(note: dict, followers: str) -> str | None:
    """ "public", "private" (followers-only) or None (a direct message)."""
    to, cc = set(_uris(note.get("to"))), set(_uris(note.get("cc")))
    if to & PUBLIC or cc & PUBLIC:
        return "public"
    if followers and followers in to or any(u.endswith("/followers") for u in to):
        return "private"
    return None


class MastodonArchive:
    """A `rights.movein.items.Source` over the archive at `paths[0]` (a .tar.gz, or the
    zip newer Mastodon versions write: read member by member in outbox order)."""

    service = "mastodon"

    def __init__(self, paths, beat: Callable[[], None] = lambda: None):
        self.path, self.beat = paths[0], beat
        self.json: dict[str, object] = {}
        self.zip = zipfile.ZipFile(self.path) if zipfile.is_zipfile(self.path) else None
        try:
            self._read_json()
        except (tarfile.TarError, zipfile.BadZipFile, OSError, EOFError):
            raise NotAMastodonArchive(
                _("The file is not a Mastodon archive (.tar.gz), or it is incomplete.")
            ) from None
        if not isinstance(self.json.get("outbox.json"), dict):
            raise NotAMastodonArchive(
                _("The archive holds no outbox.json: it is no Mastodon archive.")
            )
        self.actor = (
            self.json.get("actor.json") if isinstance(self.json.get("actor.json"), dict) else {}
        )
        self.records = self._records()

    def _read_json(self) -> None:
        if self.zip is not None:  # newer Mastodon versions write a zip
            for info in self.zip.infolist():
                name = info.filename.lstrip("./")
                if name in JSON_FILES and info.file_size <= MAX_JSON:
                    self.json[name] = _json(self.zip.read(info))
            return
        with tarfile.open(self.path, "r|gz") as tar:
            for info in tar:
                self.beat()
                name = info.name.lstrip("./")
                if name in JSON_FILES and info.isfile() and info.size <= MAX_JSON:
                    self.json[name] = _json(tar.extractfile(info).read())

    def _records(self) -> list[Item]:
        """One item per image attachment of the member's own posts, in outbox order."""
        outbox = self.json["outbox.json"]
        activities = outbox.get("orderedItems") or outbox.get("items") or []
        followers = str(self.actor.get("followers") or "")
        items: list[Item] = []
        for activity in activities if isinstance(activities, list) else []:
            if not isinstance(activity, dict) or activity.get("type") != "Create":
                continue  # an Announce (a boost) or anything else
            note = activity.get("object")
            if isinstance(note, dict):
                items += note_items(note, followers, self.actor)
        return items

    def account(self) -> Account:
        return Account(
            name=str(self.actor.get("name") or self.actor.get("preferredUsername") or "")[:80],
            ref=str(self.actor.get("id") or "")[:100],
            description=html_to_text(str(self.actor.get("summary") or ""))[:2000],
        )

    def count(self) -> int:
        return len(self.records)

    def items(self) -> Iterator[Item]:
        """The images as the second pass streams them by; then the rest."""
        waiting, rest = {}, []
        for item in self.records:
            key = "" if item.skip else media_key(item.name)
            if key and key not in waiting:
                waiting[key] = item
            else:
                rest.append(item)
        if self.zip is not None:
            yield from self._zip_media(waiting)
        else:
            yield from self._tar_media(waiting)
        yield from waiting.values()  # no file in the archive: skipped with why
        yield from rest

    def _tar_media(self, waiting: dict[str, Item]) -> Iterator[Item]:
        with tarfile.open(self.path, "r|gz") as tar:
            for info in tar:
                self.beat()
                item = waiting.pop(media_key(info.name), None) if info.isfile() else None
                if item is not None:
                    item.size = info.size
                    item.open = lambda tar=tar, info=info: tar.extractfile(info)
                    yield item

    def _zip_media(self, waiting: dict[str, Item]) -> Iterator[Item]:
        members = {media_key(i.filename): i for i in self.zip.infolist() if not i.is_dir()}
        for key in list(waiting):
            info = members.get(key)
            if info is not None:
                item = waiting.pop(key)
                item.size = info.file_size
                item.open = lambda info=info: member_open(self.zip, info)
                yield item

    def albums(self) -> Iterator[Album]:
        return iter(())

    def links(self) -> Iterator[Link]:
        for name, kind in (("likes.json", "like"), ("bookmarks.json", "bookmark")):
            data = self.json.get(name)
            uris = data.get("orderedItems") if isinstance(data, dict) else data
            for uri in _uris(uris):
                yield Link(kind, "", uri[:500])

    def close(self) -> None:
        if self.zip is not None:
            self.zip.close()


def note_items(note: dict, followers: str, actor: dict) -> list[Item]:
    seen = visibility(note, followers)
    page = str(note.get("url") or note.get("id") or "")[:500]
    attachments = [a for a in note.get("attachment") or [] if isinstance(a, dict)]
    images = [a for a in attachments if _media_type(a).startswith("image/")]
    if not attachments or seen is None:
        return [_left_out(page)] if attachments and page else []
    others = [
        _not_a_photo(a, page, n)
        for n, a in enumerate(attachments)
        if not _media_type(a).startswith("image/")
    ]
    if not images:
        return others
    text = html_to_text(MENTION.sub("<a>", str(note.get("content") or "")))
    warning = str(note.get("summary") or "").strip()
    if warning:
        warned = _("Content warning: %(warning)s") % {"warning": warning}
        description = f"{warned}\n\n{text}"
    else:
        description = text
    tags = [
        str(t.get("name") or "").lstrip("#")
        for t in note.get("tag") or []
        if isinstance(t, dict) and t.get("type") == "Hashtag"
    ]
    items = []
    for position, attachment in enumerate(images):
        key = media_key(attachment.get("url"))
        item = Item(
            source_id=number(key or f"{page}#{position}"),
            name=key or page,
            external_id=_attachment_id(key)[:40] if key else "",
            account_ref=str(actor.get("id") or "")[:100],
            page_url=page,
            title=_title(text, position, len(images)),
            description=description[:5000],
            alt_text=str(attachment.get("name") or "")[:1500],
            tags=[t for t in tags if t],
            visibility=seen,
            sensitive=bool(note.get("sensitive")) or bool(warning),
            uploaded_at=_moment(note.get("published")),
        )
        if len(description) > 5000:
            item.notes.append(_("The description was cut to 5,000 characters."))
        if seen == "private":
            item.notes.append(_("A post for followers only: imported as private."))
        items.append(item)
    return items + others


def _media_type(attachment: dict) -> str:
    return str(attachment.get("mediaType") or "image/").lower()


def _not_a_photo(attachment: dict, page: str, position: int) -> Item:
    """A video, a GIF-like video (Mastodon's "gifv" is an mp4) or an audio file: Candid
    keeps photos only, so it is listed as skipped with its post, never lost unnoticed."""
    key = media_key(attachment.get("url"))
    kind = _media_type(attachment)[:40]
    facts = {"type": kind, "post": page}
    item = Item(source_id=number(key or f"{page}#{position}"), name=key or page, video=True)
    if kind.startswith("video/"):
        item.skip = (
            _("A video (%(type)s) of %(post)s: Candid keeps photos only, so it was left out.")
            % facts
        )
    else:
        item.skip = (
            _("Not a photo (%(type)s) of %(post)s: Candid keeps photos only, so it was left out.")
            % facts
        )
    return item


def _title(text: str, position: int, count: int) -> str:
    first = text.split("\n", 1)[0]
    title = first if len(first) <= 80 else first[:79].rstrip() + "…"
    return f"{title} ({position + 1}/{count})" if count > 1 and title else title


def _left_out(page: str) -> Item:
    item = Item(source_id=number(page), name=page)
    item.skip = _("A direct message: left out, as it was never a public post.")
    return item


def _attachment_id(key: str) -> str:
    """Mastodon's attachment id from its path (files/110/123/…/original/x.jpg)."""
    parts = PurePosixPath(key).parts
    digits = [p for p in parts[2:] if p.isdigit()]
    return "".join(digits) or PurePosixPath(key).stem
