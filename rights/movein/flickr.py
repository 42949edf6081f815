"""Reading a Flickr export ("Request my Flickr data"): one or more metadata zips
(`<digits>_<hex>_part1.zip`: account_profile.json, albums.json, faves_part001.json,
contacts_part001.json, one photo_<id>.json per photo, …) and media zips
(`data-download-N.zip`: `<title-slug>_<id>_o.jpg`, `<id>_<secret>_o.jpg`, …), in any order.

The zips stay on disk: their directories are read once to index members by photo id,
then each photo's JSON and media are read one member at a time, never extracted and never
held whole. Fields may be missing, null, of another type, or spread over several parts:
what cannot be read is left at its default and, where the member should know, noted."""

import json
import re
import zipfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import PurePosixPath

from django.utils.translation import gettext as _

from core.errors import ServiceError
from rights.movein import flickr_fields as fields
from rights.movein.html_text import html_to_text
from rights.movein.items import Account, Album, Comment, Item, Link
from rights.movein.zip_members import directory_digest, member_open

META = re.compile(r"^photo_(\d+)\.json$", re.IGNORECASE)
PART = re.compile(r"^(faves|contacts)_part\d+\.json$", re.IGNORECASE)
IMAGES = {"jpg", "jpeg", "png", "gif", "tif", "tiff", "webp", "heic", "heif", "bmp"}
VIDEOS = {"mp4", "mov", "avi", "m4v", "3gp", "mpg", "mpeg", "wmv", "mts", "m2ts", "ogv", "webm"}
MAX_JSON = 8 * 1024 * 1024


class NotAFlickrExport(ServiceError):
    pass


def _kind(name: str) -> str:
    """ "meta", "media" or "other" for a member name."""
    base = PurePosixPath(name).name
    if base == "account_profile.json" or base == "albums.json" or META.match(base):
        return "meta"
    if base.lower().endswith(".json"):
        return "json"
    if base.rsplit(".", 1)[-1].lower() in IMAGES | VIDEOS and "." in base:
        return "media"
    return "other"


def zip_kind(zf: zipfile.ZipFile) -> str | None:
    """ "meta" for a metadata zip, "media" for a media zip, None for anything else."""
    kinds = {_kind(info.filename) for info in zf.infolist() if not info.is_dir()}
    if "meta" in kinds:
        return "meta"
    if kinds == {"media"}:
        return "media"
    return None


def check_zip(file, label: str) -> tuple[str, str]:
    """Refuses a file that is no zip or no part of a Flickr export; its kind and the
    digest of its directory otherwise."""
    try:
        with zipfile.ZipFile(file) as zf:
            kind, digest = zip_kind(zf), directory_digest(zf)
    except (zipfile.BadZipFile, OSError, EOFError):
        raise NotAFlickrExport(
            _("“%(name)s” is not a ZIP archive, or it is incomplete.") % {"name": label}
        ) from None
    if kind is None:
        raise NotAFlickrExport(
            _(
                "“%(name)s” is not part of a Flickr export: it holds neither Flickr's "
                "account and photo data nor only photos and videos."
            )
            % {"name": label}
        )
    return kind, digest


def media_id(name: str, known: set[int]) -> int | None:
    """The photo id in a media name: `<slug>_<id>_o.jpg`, `<id>_<secret>_o.jpg`, with or
    without `_o`, digits in the slug. A number the metadata knows wins; else the last
    number that is not a secret (secrets are hex, most with letters)."""
    stem = PurePosixPath(name).name.rsplit(".", 1)[0]
    parts = stem.split("_")
    if len(parts) > 1 and parts[-1].lower() == "o":
        parts = parts[:-1]
    numbers = [int(p) for p in reversed(parts) if p.isdigit() and len(p) < 19]
    for number in numbers:
        if number in known:
            return number
    if len(parts) >= 2 and parts[0].isdigit() and not parts[-1].isdigit():
        return int(parts[0])  # <id>_<secret>
    return numbers[0] if numbers else None


class FlickrExport:
    """A `rights.movein.items.Source` over the zips at `paths`."""

    service = "flickr"

    def __init__(self, paths, beat: Callable[[], None] = lambda: None):
        self.beat = beat
        self.zips: list[zipfile.ZipFile] = []
        self.meta: dict[int, tuple[int, str]] = {}
        self.media: dict[int, tuple[int, zipfile.ZipInfo]] = {}
        self.named: dict[str, list[tuple[int, str]]] = {}
        media_members: list[tuple[int, zipfile.ZipInfo]] = []
        try:
            for path in paths:
                self._open(path, media_members)
        except BaseException:
            self.close()
            raise
        if not self.meta and "account_profile.json" not in self.named:
            raise NotAFlickrExport(
                _("The files hold no Flickr account data: add the export's metadata zip.")
            )
        known = set(self.meta)
        for index, info in media_members:
            number = media_id(info.filename, known)
            key = number if number is not None else -1 - zlib.crc32(info.filename.encode())
            self.media.setdefault(key, (index, info))

    def _open(self, path, media_members: list) -> None:
        zf = zipfile.ZipFile(path)
        self.zips.append(zf)
        index = len(self.zips) - 1
        if zip_kind(zf) is None:
            raise NotAFlickrExport(
                _("“%(name)s” is not part of a Flickr export.") % {"name": PurePosixPath(path).name}
            )
        for info in zf.infolist():
            if info.is_dir():
                continue
            base = PurePosixPath(info.filename).name
            kind = _kind(info.filename)
            match = META.match(base)
            if match:
                self.meta.setdefault(int(match.group(1)), (index, info.filename))
            elif kind == "media":
                media_members.append((index, info))
            elif kind in ("meta", "json"):
                self.named.setdefault(base.lower(), []).append((index, info.filename))

    def _json(self, index: int, name: str, default=None):
        self.beat()
        zf = self.zips[index]
        if zf.getinfo(name).file_size > MAX_JSON:
            return default
        try:
            with zf.open(name) as stream:
                return json.load(stream)
        except (ValueError, UnicodeDecodeError, zipfile.BadZipFile, OSError):
            return default

    def _named(self, pattern: re.Pattern | str) -> Iterator:
        for base in sorted(self.named):
            if base == pattern or (isinstance(pattern, re.Pattern) and pattern.match(base)):
                for index, name in self.named[base]:
                    yield base, self._json(index, name)

    def account(self) -> Account:
        for _base, profile in self._named("account_profile.json"):
            if isinstance(profile, dict):
                return Account(
                    name=fields.text(profile.get("real_name") or profile.get("screen_name"), 80),
                    ref=fields.text(profile.get("nsid"), 100),
                    description=html_to_text(fields.text(profile.get("description"), 20000))[:2000],
                )
        return Account()

    def count(self) -> int:
        return len(set(self.meta) | set(self.media))

    def items(self) -> Iterator[Item]:
        nsid = self.account().ref
        for photo_id in sorted(self.meta):
            index, name = self.meta[photo_id]
            record = self._json(index, name, None)
            yield self._item(photo_id, record if isinstance(record, dict) else None, nsid)
        for photo_id in sorted(set(self.media) - set(self.meta)):
            yield self._item(photo_id, None, nsid)

    def _item(self, photo_id: int, record: dict | None, nsid: str) -> Item:
        media = self.media.get(photo_id)
        item = Item(source_id=photo_id, name=str(photo_id), metadata=record is not None)
        if media is not None:
            index, info = media
            item.name = PurePosixPath(info.filename).name
            item.size = info.file_size
            item.video = item.name.rsplit(".", 1)[-1].lower() in VIDEOS
            item.open = self._opener(index, info)
        if photo_id >= 0:
            item.external_id = str(photo_id)
            item.account_ref = nsid
        if record is None:
            return item
        _fill(item, record)
        if media is None and item.title:
            item.name = f"{item.title} ({photo_id})"
        return item

    def _opener(self, index: int, info: zipfile.ZipInfo):
        def open_media():
            self.beat()
            return member_open(self.zips[index], info)

        return open_media

    def albums(self) -> Iterator[Album]:
        for _base, data in self._named("albums.json"):
            records = data.get("albums") if isinstance(data, dict) else data
            for record in records if isinstance(records, list) else []:
                album = _album(record)
                if album is not None:
                    yield album

    def links(self) -> Iterator[Link]:
        for base, data in self._named(PART):
            kind = "fave" if base.startswith("faves") else "contact"
            yield from _links(kind, data)

    def close(self) -> None:
        for zf in self.zips:
            zf.close()


def _fill(item: Item, record: dict) -> None:
    item.page_url = fields.text(record.get("photopage"), 500)
    item.title = fields.text(record.get("name") or record.get("title"), 200)
    description = html_to_text(fields.text(record.get("description"), 100_000))
    if len(description) > 5000:
        item.notes.append(_("The description was cut to 5,000 characters."))
    item.description = description[:5000]
    item.tags = fields.tag_names(record.get("tags"))
    licence = record.get("license", record.get("licence"))
    code = fields.licence_code(licence)
    if code is None and not licence:
        item.notes.append(_("It had no licence in the export, so it is all rights reserved."))
    elif code is None:
        item.notes.append(
            _("Its licence “%(licence)s” is unknown here, so it is all rights reserved.")
            % {"licence": str(licence)[:100]}
        )
    item.licence = code or "arr"
    item.visibility = fields.visibility(record.get("privacy"))
    item.taken_at = fields.moment(record.get("date_taken"))
    item.uploaded_at = fields.moment(record.get("date_imported") or record.get("date_uploaded"))
    item.latitude, item.longitude = fields.coordinates(record.get("geo"))
    item.comments = [c for c in map(_comment, _list(record.get("comments"))) if c]


def _list(value) -> list:
    return value if isinstance(value, list) else []


def _comment(record) -> Comment | None:
    if not isinstance(record, dict):
        return None
    body = html_to_text(fields.text(record.get("comment"), 20000))[:5000]
    if not body:
        return None
    user = fields.text(record.get("user"), 500)
    author = user.rstrip("/").rsplit("/", 1)[-1] if "/" in user else user
    return Comment(
        author=author[:100],
        author_url=user if user.startswith(("http://", "https://")) else "",
        text=body,
        posted_at=fields.moment(record.get("date")),
    )


def _album(record) -> Album | None:
    if not isinstance(record, dict):
        return None
    album_id = fields.photo_id(record.get("id"))
    if album_id is None:
        return None
    ids = [fields.photo_id(value) for value in _list(record.get("photos"))]
    cover = record.get("cover_photo")
    cover_id = fields.photo_id(str(cover or "").rstrip("/").rsplit("/", 1)[-1])
    return Album(
        source_id=album_id,
        title=fields.text(record.get("title"), 200) or str(album_id),
        description=html_to_text(fields.text(record.get("description"), 20000))[:5000],
        photo_ids=[i for i in ids if i],
        cover_id=cover_id,
    )


def _links(kind: str, data) -> Iterator[Link]:
    if isinstance(data, dict) and len(data) == 1 and isinstance(next(iter(data.values())), list):
        data = next(iter(data.values()))  # {"faves": [...]}
    if isinstance(data, dict):  # contacts: name -> profile URL
        for name, url in data.items():
            if isinstance(url, dict):
                url = url.get("url") or url.get("profile_url") or ""
            yield Link(kind, str(name)[:200], fields.text(url, 500))
    for record in _list(data):
        if isinstance(record, dict):
            name = record.get("title") or record.get("name") or record.get("username") or ""
            url = record.get("url") or record.get("photopage") or record.get("profile_url") or ""
            yield Link(kind, fields.text(name, 200), fields.text(url, 500))
        elif isinstance(record, str):
            yield Link(kind, "", record[:500])
