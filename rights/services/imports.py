"""Importing a Candid export archive into an account: the request side.

A member uploads the archive on the "Your data" pages (or an operator runs `manage.py
import_archive`); `archive_import_request` checks that it is a readable Candid archive,
stores it, records an `ImportRun` and enqueues its task. Nothing else happens in the
request: the task worker imports the photos and albums (rights.services.import_run) and
the page shows how far it got. A run whose worker died is reclaimed here and resumes; one
that keeps dying ends failed, and what it had added is removed."""

import hashlib
import secrets
import zipfile
from datetime import datetime, timedelta
from typing import IO

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.models import User
from accounts.permissions import ensure_can_act
from accounts.services import user_create_passwordless
from core.errors import PermissionDenied, ServiceError
from core.events import event_record
from core.leases import lease_clear, lease_seconds, reclaimer, stale, task_rows_fail
from core.tasks import task_enqueue
from rights import states
from rights.archive import LAYOUT_VERSION, ArchiveReader
from rights.models import ImportRun
from rights.services.import_undo import import_undo

RUN_TASK = "rights.tasks.archive_import_task"
LIVE = ("queued", "running")
MAX_ATTEMPTS = 5
CHUNK = 1024 * 1024
INTERRUPTED = gettext_noop(
    "The import stopped several times before it could finish, so what it had added was "
    "removed. Please try again later, or with a smaller archive."
)


def archive_import_request(
    *, actor: User, user: User, file: IO[bytes], created_user: bool = False
) -> ImportRun:
    """Checks, stores and queues the archive for import into `user`'s account."""
    if actor.pk != user.pk:
        raise PermissionDenied(_("You can only import into your own account."))
    ensure_can_act(user)  # a suspended account may export, not add photos
    digest = archive_check(file)
    imports_reclaim(user=user)
    path = default_storage.save(f"imports/{user.pk}/{secrets.token_hex(12)}.zip", File(file))
    try:
        run = _queue(user, digest, path, created_user)
    except BaseException:
        default_storage.delete(path)
        raise
    return run


def _queue(
    user: User,
    digest: str,
    path: str,
    created_user: bool,
    *,
    source: str = "candid",
    archives: list[str] | None = None,
    fetch_media: bool = False,
) -> ImportRun:
    """A move-in (`source` other than "candid") may be imported again: it adds only
    what is new (after a quota was raised, say)."""
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=user.pk).first()
        if ImportRun.objects.filter(user=user, state__in=LIVE).exists():
            raise ServiceError(_("An import into your account is under way already."))
        done = ImportRun.objects.filter(user=user, archive_sha256=digest, state="completed")
        if source == "candid" and done.exists():
            raise ServiceError(_("This archive has been imported into your account already."))
        now = timezone.now()
        run = ImportRun.objects.create(
            user=user,
            archive_sha256=digest,
            archive=path,
            archives=archives or [path],
            source=source,
            fetch_media=fetch_media,
            created_user=created_user,
            started_at=now,
            lease_until=now + timedelta(seconds=lease_seconds()),
        )
        event_record(kind="rights.import_queued", subject=run, data={"import_id": run.pk})
        transaction.on_commit(lambda: task_enqueue(RUN_TASK, run.pk))
    return run


def archive_check(file: IO[bytes]) -> str:
    """A ZIP with a Candid manifest (layout 1) and safe entry names, or a clear refusal;
    returns the archive's SHA-256. Damage inside entries is found by the worker."""
    try:
        reader = ArchiveReader(file)
    except (zipfile.BadZipFile, OSError, EOFError):
        raise ServiceError(_("This file is not a ZIP archive, or it is incomplete.")) from None
    except ValueError:
        raise ServiceError(_("This is not a Candid export archive.")) from None
    try:
        manifest = reader.json("manifest.json")
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        manifest = None
    finally:
        reader.close()
    if not isinstance(manifest, dict) or manifest.get("layout_version") != LAYOUT_VERSION:
        raise ServiceError(_("This is not a Candid export archive.")) from None
    file.seek(0)
    digest = hashlib.sha256()
    while chunk := file.read(CHUNK):
        digest.update(chunk)
    file.seek(0)
    return digest.hexdigest()


def archive_import_from_path(*, path, username: str, create_user: bool) -> ImportRun:
    """`manage.py import_archive`: the same request for an operator. An unfinished run of
    the same archive into the same account is resumed rather than started again."""
    with open(path, "rb") as stream:
        digest = archive_check(stream)
        user = User.objects.filter(username=username, is_active=True).first()
        if user is not None:
            unfinished = ImportRun.objects.filter(user=user, state__in=LIVE).first()
            if unfinished is not None and unfinished.archive_sha256 == digest:
                imports_reclaim(user=user)  # resumes it if its process died
                unfinished.refresh_from_db()
                return unfinished
        user = _target_user(user, username, create_user)
        run = archive_import_request(actor=user, user=user, file=stream, created_user=create_user)
    run.refresh_from_db()
    return run


def _target_user(existing: User | None, username: str, create: bool) -> User:
    if create:
        if existing is not None:
            raise ServiceError(
                _("The user “%(name)s” exists already; leave out --create-user.")
                % {"name": username}
            )
        return user_create_passwordless(username=username)
    if existing is None:
        raise ServiceError(
            _("There is no user “%(name)s”; add --create-user to create one.") % {"name": username}
        )
    return existing


@reclaimer("imports")
def imports_reclaim(*, now: datetime | None = None, user: User | None = None) -> int:
    """Runs whose lease ran out: their worker died, or their enqueue was lost. Queued again
    to resume after the last photo they committed, until MAX_ATTEMPTS; then failed, and
    what they had added is removed."""
    now = now or timezone.now()
    due = stale(ImportRun.objects.filter(state__in=LIVE), now=now)
    if user is not None:
        due = due.filter(user=user)
    return sum(_reclaim_one(pk, now) for pk in list(due.values_list("pk", flat=True)))


def _reclaim_one(import_id: int, now: datetime) -> int:
    with transaction.atomic():
        run = ImportRun.objects.select_for_update(skip_locked=True).filter(pk=import_id).first()
        if run is None or run.state not in LIVE or not run.lease_until or run.lease_until >= now:
            return 0
        task_rows_fail(task_path=RUN_TASK, args=[import_id])
        if run.attempts >= MAX_ATTEMPTS or not run.archive:
            import_undo(run)
            import_move(run, "failed", error=INTERRUPTED, finished_at=now)
            return 1
        if run.state == "running":
            import_move(run, "queued")
        run.lease_until = now + timedelta(seconds=lease_seconds())
        run.save(update_fields=["lease_until"])
        transaction.on_commit(lambda: task_enqueue(RUN_TASK, import_id))
    return 1


def import_move(run: ImportRun, target: str, **fields) -> None:
    """Moves `run` (locked by the caller) along the declared graph and logs the move; an
    ended run gives up its lease and its stored archive (deleted after commit)."""
    states.IMPORT.check(run.state, target)
    run.state = target
    for name, value in fields.items():
        setattr(run, name, value)
    if target in ("completed", "failed"):
        stored = {run.archive, *(run.archives or [])} - {""}
        run.archive, run.archives = "", []
        if stored:
            transaction.on_commit(lambda: [default_storage.delete(p) for p in stored])
    if target != "running":
        lease_clear(run)
    run.save()
    data = {"import_id": run.pk, "done": run.done, "total": run.total}
    event_record(kind=f"rights.import_{target}", subject=run, data=data)
