"""Which kind of archive the member handed over, told by the files' content (never by
their names): "flickr" (zips of a Flickr export), "mastodon" (one gzip'd tar with an
outbox.json and an actor.json), "folder" (zips of photos, XMP sidecars beside them) or
"pixelfed" (its outbox.json and account.json, as files or zipped).
A lone zip of Flickr's media without its metadata zip holds photos only: it is
imported as a folder of photos."""

import zipfile
from pathlib import PurePosixPath
from typing import IO

from django.utils.translation import gettext as _

from core.errors import ServiceError
from rights.movein.flickr import IMAGES, zip_kind
from rights.movein.mastodon import is_mastodon_tar
from rights.movein.pixelfed import MAX_JSON, json_files, json_role, load_json

GZIP = b"\x1f\x8b"


def file_kind(stream: IO[bytes]) -> str | None:
    """ "meta"/"media" (Flickr), "mastodon", "folder" or None for one file."""
    stream.seek(0)
    head = stream.read(4)
    stream.seek(0)
    try:
        if head[:2] == GZIP:
            return "mastodon" if is_mastodon_tar(stream) else None
        if head[:1] in (b"{", b" ", b"\n", b"\r", b"\t"):
            return _json_kind(stream)
        try:
            with zipfile.ZipFile(stream) as zf:
                names = {n.lstrip("./") for n in zf.namelist()}
                kind = "mastodon" if {"outbox.json", "actor.json"} <= names else zip_kind(zf)
                if kind is None and any(is_image(n) for n in zf.namelist()):
                    kind = "folder"
        except (zipfile.BadZipFile, OSError, EOFError):
            return None
        if kind is None:
            roles = {json_role(data) for data in json_files(stream)}
            kind = "pixelfed" if "outbox" in roles else None
        return kind
    finally:
        stream.seek(0)


def _json_kind(stream: IO[bytes]) -> str | None:
    """A Pixelfed export's outbox.json or account.json, given as a file of its own."""
    role = json_role(load_json(stream.read(MAX_JSON + 1)))
    return {"outbox": "pixelfed", "account": "pixelfed-account"}.get(role or "")


def is_image(name: str) -> bool:
    base = PurePosixPath(name).name
    return "." in base and base.rsplit(".", 1)[-1].lower() in IMAGES and not base.startswith(".")


def archive_kind(files: list[tuple[str, IO[bytes]]]) -> str:
    kinds = []
    for name, stream in files:
        kind = file_kind(stream)
        if kind is None:
            raise ServiceError(
                _(
                    "“%(name)s” is not part of a Flickr export, a Mastodon archive "
                    "(.tar.gz) or a zip of photos."
                )
                % {"name": name}
            )
        kinds.append(kind)
    if "meta" in kinds and set(kinds) <= {"meta", "media"}:
        return "flickr"
    if kinds == ["mastodon"]:
        return "mastodon"
    if "pixelfed" in kinds and set(kinds) <= {"pixelfed", "pixelfed-account"}:
        return "pixelfed"
    if set(kinds) <= {"media", "folder"}:
        return "folder"
    raise ServiceError(
        _("These files belong to different kinds of archive: import them one kind at a time.")
    )
