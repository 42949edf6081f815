"""Moving in from Flickr: the request side. The member (Settings → Move in) or an
operator (`manage.py import_flickr`) hands over the export's zips, in any order; each is
checked to be part of a Flickr export before anything is stored, then they are stored
and one `ImportRun` (source "flickr") is queued. The worker imports it
(rights.services.movein_run) under the same lease, progress and resume as an archive
import (rights.services.imports)."""

import hashlib
import io
import os
import secrets
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import IO

from django.core.files import File
from django.core.files.storage import FileSystemStorage, default_storage
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.permissions import ensure_can_act
from core.errors import PermissionDenied, ServiceError
from core.upload_limits import upload_dir_ensure
from rights.models import ImportRun
from rights.movein.detect import archive_kind
from rights.movein.flickr import check_zip
from rights.services.imports import LIVE, _queue, _target_user, imports_reclaim

CHUNK = 1024 * 1024
ARCHIVES = (".zip", ".tar.gz", ".tgz")
MAX_FILES = 200


def movein_request(
    *,
    actor: User,
    user: User,
    files: list[tuple[str, IO[bytes]]],
    created_user: bool = False,
    kind: str | None = None,
    fetch_media: bool = False,
) -> ImportRun:
    """Checks, stores and queues an archive from another service (`files`: name and
    stream): a Flickr export's zips, a Mastodon archive or zips of photos with their
    XMP data. `kind` None: told by the files' content, never by their names.
    `fetch_media`: the member asks to fetch a Pixelfed export's images from their URLs
    (other archives hold their images; for them it means nothing)."""
    if actor.pk != user.pk:
        raise PermissionDenied(_("You can only import into your own account."))
    ensure_can_act(user)
    kind, digest = archive_check(files, kind)
    return _store_and_queue(user, files, kind, digest, created_user, fetch_media)


def _store_and_queue(
    user: User,
    files: list[tuple[str, IO[bytes]]],
    kind: str,
    digest: str,
    created_user: bool,
    fetch_media: bool,
) -> ImportRun:
    """The checked files (`archive_check` gave `kind` and `digest`) stored, their run queued."""
    imports_reclaim(user=user)
    token = secrets.token_hex(12)
    paths: list[str] = []
    try:
        for number, (_name, stream) in enumerate(files):
            paths.append(_saved(stream, f"imports/{user.pk}/{token}-{number}.zip"))
        fetch = fetch_media and kind == "pixelfed"
        return _queue(
            user, digest, paths[0], created_user, source=kind, archives=paths, fetch_media=fetch
        )
    except BaseException:
        for path in paths:
            default_storage.delete(path)
        raise


def _saved(stream: IO[bytes], name: str) -> str:
    """The file stored under `name`. A file opened from this machine's disk (the
    command's export, the web's staged upload) going to storage on the same file system
    is hard-linked rather than copied: a 5 GB export is neither written twice nor doubled
    on disk (bench/movein_speed.py). The link is the import's own name for the file: the
    operator may move or delete theirs, and the staged upload is deleted after this."""
    source = getattr(stream, "name", None) if isinstance(stream, io.BufferedReader) else None
    if isinstance(source, str) and isinstance(default_storage, FileSystemStorage):
        target = Path(default_storage.path(name))
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(source, target)
            return name
        except OSError:  # another file system, or not allowed: copied instead
            pass
    stream.seek(0)
    return default_storage.save(name, File(stream))


def archive_check(files: list[tuple[str, IO[bytes]]], kind: str | None) -> tuple[str, str]:
    """The archive's kind and digest, or a clear refusal naming the file."""
    if kind == "flickr":
        return kind, flickr_check(files)
    if not files:
        raise ServiceError(_("Choose the files of your archive."))
    if len(files) > MAX_FILES:
        raise ServiceError(_("An export has at most %(count)s zip files.") % {"count": MAX_FILES})
    found = archive_kind(files)
    if kind is not None and found != kind:
        raise ServiceError(_("These files are not what was asked for (%(kind)s).") % {"kind": kind})
    if found == "flickr":
        return found, flickr_check(files)
    return found, _digest(files)


def _digest(files: list[tuple[str, IO[bytes]]]) -> str:
    digests = []
    for _name, stream in files:
        stream.seek(0)
        digest = hashlib.sha256()
        while chunk := stream.read(CHUNK):
            digest.update(chunk)
        digests.append(digest.hexdigest())
        stream.seek(0)
    return hashlib.sha256("".join(sorted(set(digests))).encode()).hexdigest()


def flickr_check(files: list[tuple[str, IO[bytes]]]) -> str:
    """Every file a zip of a Flickr export and one of them its metadata, or a clear
    refusal naming the file; returns one digest of the set, whatever its order, made of
    each zip's directory (rights.movein.zip_members.directory_digest) rather than every
    byte: it tells exports apart as surely (it holds each member's CRC-32), and hashing
    every byte cost the move-in ~3% of the plain upload pipeline's speed. It finds an
    unfinished run of the same export to resume; each photo is still matched by the
    SHA-256 of its own file."""
    if not files:
        raise ServiceError(_("Choose the zip files of your Flickr export."))
    if len(files) > MAX_FILES:
        raise ServiceError(_("An export has at most %(count)s zip files.") % {"count": MAX_FILES})
    kinds, digests = set(), []
    for name, stream in files:
        stream.seek(0)
        kind, digest = check_zip(stream, name)
        kinds.add(kind)
        digests.append(digest)
        stream.seek(0)
    if "meta" not in kinds:
        raise ServiceError(
            _(
                "These files hold no Flickr account data: add the export's metadata zip "
                "(its name ends in _part1.zip)."
            )
        )
    return hashlib.sha256("".join(sorted(set(digests))).encode()).hexdigest()


def zips_in(paths: list[str]) -> list[Path]:
    """The zips named, a folder standing for the zips in it."""
    found: list[Path] = []
    for given in map(Path, paths):
        if given.is_dir():
            found += sorted(p for p in given.iterdir() if p.suffix.lower() == ".zip")
        elif given.exists():
            found.append(given)
        else:
            raise ServiceError(_("There is no file or folder “%(path)s”.") % {"path": given})
    if not found:
        raise ServiceError(_("Choose the zip files of your Flickr export."))
    return found


def movein_from_paths(
    *,
    paths: list[str],
    username: str,
    create_user: bool,
    kind: str | None = "flickr",
    fetch_media: bool = False,
) -> ImportRun:
    """`manage.py import_flickr` / `import_move_in`: the same request for an operator. An
    unfinished run of the same archive into the same account is resumed rather than
    started again. A folder of photos (no archives in it) is zipped first."""
    with ExitStack() as stack:
        if kind == "flickr":
            found = zips_in(paths)
        else:
            found = [f for p in paths for f in stack.enter_context(_as_files(Path(p)))]
        streams = [stack.enter_context(open(path, "rb")) for path in found]
        files = [(path.name, stream) for path, stream in zip(found, streams, strict=True)]
        kind, digest = archive_check(files, kind)
        user = User.objects.filter(username=username, is_active=True).first()
        if user is not None:
            unfinished = ImportRun.objects.filter(user=user, state__in=LIVE).first()
            same = unfinished is not None and unfinished.archive_sha256 == digest
            if same and unfinished.fetch_media == (fetch_media and kind == "pixelfed"):
                imports_reclaim(user=user)  # resumes it if its process died
                unfinished.refresh_from_db()
                return unfinished
        user = _target_user(user, username, create_user)
        ensure_can_act(user)
        # Checked above: not read and hashed a second time (a 5 GB export took seconds).
        run = _store_and_queue(user, files, kind, digest, create_user, fetch_media)
    run.refresh_from_db()
    return run


@contextmanager
def _as_files(path: Path) -> Iterator[list[Path]]:
    """A file as it is; a folder holding archives as those archives; any other folder
    as a zip of it (stored, not compressed: photos are)."""
    if not path.exists():
        raise ServiceError(_("There is no file or folder “%(path)s”.") % {"path": path})
    if not path.is_dir():
        yield [path]
        return
    archives = sorted(p for p in path.iterdir() if p.name.lower().endswith(ARCHIVES))
    if archives:
        yield archives
        return
    with tempfile.TemporaryDirectory(dir=upload_dir_ensure()) as folder:
        target = Path(folder) / f"{path.name or 'photos'}.zip"
        with zipfile.ZipFile(target, "w", zipfile.ZIP_STORED, allowZip64=True) as zf:
            for file in sorted(p for p in path.rglob("*") if p.is_file()):
                zf.write(file, file.relative_to(path).as_posix())
        yield [target]
