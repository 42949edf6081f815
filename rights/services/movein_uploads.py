"""Settings → Move in's resumable uploads: each zip of an export is sent in parts, each
appended to a staging file at the offset the server holds, so a dropped connection
resumes where the server's copy ends, never where the browser thinks it does. When every
zip is there, `movein_start` hands them to `movein_request` (which checks them) and the
staging files go."""

import secrets
from contextlib import ExitStack
from datetime import timedelta
from pathlib import Path
from typing import IO

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.permissions import ensure_can_act
from core.errors import NotFound, ServiceError
from rights.models import ImportRun, ImportUpload
from rights.services.movein import MAX_FILES, movein_request

STAGING_DAYS = 2
READ = 1024 * 1024


class OffsetMismatch(ServiceError):
    """The part does not start where the staged file ends; `received` says where."""

    status = 409

    def __init__(self, received: int):
        super().__init__(_("This part does not follow on what the server holds."))
        self.received = received


def staging_dir() -> Path:
    directory = Path(settings.DATA_DIR) / "tmp" / "move-in"
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    return directory


def staged_path(upload: ImportUpload) -> Path:
    return staging_dir() / f"{upload.token}.zip"


def upload_begin(*, user: User, name: str, size: int) -> ImportUpload:
    ensure_can_act(user)
    name = Path(str(name)).name[:255]
    if not name.lower().endswith((".zip", ".tar.gz", ".tgz", ".json")):
        raise ServiceError(
            _("“%(name)s” is neither a zip file nor a .tar.gz archive.") % {"name": name}
        )
    if size <= 0 or size > settings.CANDID_MAX_MOVEIN_FILE_BYTES:
        raise ServiceError(
            _("A file of an export may be up to %(gigabytes)s GB.")
            % {"gigabytes": settings.CANDID_MAX_MOVEIN_FILE_BYTES // 1024**3}
        )
    if ImportUpload.objects.filter(user=user).count() >= MAX_FILES:
        raise ServiceError(_("An export has at most %(count)s zip files.") % {"count": MAX_FILES})
    now = timezone.now()
    upload = ImportUpload.objects.create(
        user=user, token=secrets.token_hex(16), name=name, size=size, created_at=now, updated_at=now
    )
    staged_path(upload).touch(mode=0o600)
    return upload


def upload_of(user: User, token: str) -> ImportUpload:
    upload = ImportUpload.objects.filter(user=user, token=token).first()
    if upload is None:
        raise NotFound(_("There is no such upload; start it again."))
    return upload


def upload_append(*, user: User, token: str, offset: int, stream: IO[bytes], length: int) -> int:
    """Appends one part at `offset`; returns the new received size. A part that does not
    start where the staged file ends is refused with the server's offset, so the client
    resumes from there (a retried part is not appended twice)."""
    with transaction.atomic():
        upload = ImportUpload.objects.select_for_update().filter(user=user, token=token).first()
        if upload is None:
            raise NotFound(_("There is no such upload; start it again."))
        if offset != upload.received:
            raise OffsetMismatch(upload.received)
        if length <= 0 or upload.received + length > upload.size:
            raise ServiceError(_("This part goes beyond the size of the file."))
        path = staged_path(upload)
        written = 0
        with open(path, "r+b") as staged:
            staged.truncate(upload.received)  # what a dropped part left half written
            staged.seek(upload.received)
            while written < length and (chunk := stream.read(min(READ, length - written))):
                staged.write(chunk)
                written += len(chunk)
        if written != length:
            raise ServiceError(_("The part arrived incomplete; send it again."))
        upload.received += written
        upload.updated_at = timezone.now()
        upload.save(update_fields=["received", "updated_at"])
    return upload.received


def movein_start(*, user: User, tokens: list[str], fetch_media: bool = False) -> ImportRun:
    """Queues the move-in of the uploaded zips, complete ones only."""
    uploads = [upload_of(user, token) for token in dict.fromkeys(tokens)]
    if not uploads:
        raise ServiceError(_("Choose the zip files of your Flickr export."))
    unfinished = [u.name for u in uploads if u.received != u.size]
    if unfinished:
        raise ServiceError(
            _("These files are not completely uploaded yet: %(names)s.")
            % {"names": ", ".join(unfinished)}
        )
    with ExitStack() as stack:
        files = [(u.name, stack.enter_context(open(staged_path(u), "rb"))) for u in uploads]
        run = movein_request(actor=user, user=user, files=files, fetch_media=fetch_media)
    for upload in uploads:
        upload_discard(upload)
    return run


def upload_discard(upload: ImportUpload) -> None:
    staged_path(upload).unlink(missing_ok=True)
    upload.delete()


def uploads_sweep(*, now=None) -> int:
    """Staged uploads untouched for STAGING_DAYS: abandoned."""
    cutoff = (now or timezone.now()) - timedelta(days=STAGING_DAYS)
    stale = list(ImportUpload.objects.filter(updated_at__lt=cutoff))
    for upload in stale:
        upload_discard(upload)
    return len(stale)
