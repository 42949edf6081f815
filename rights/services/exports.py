"""Data exports (GDPR Art. 15 right of access, Art. 20 portability).

A user may ask for an export at any time, also while suspended or terminated: nothing
here calls `ensure_can_act`. The archive is built by a background task, streamed to a
temporary file entry by entry (bounded memory whatever the account size), stored, and
offered for download for `EXPORT_DAYS`; `rights_upkeep` then deletes it.
"""

import logging
import secrets
import tempfile
from datetime import timedelta

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.models import User
from core.errors import PermissionDenied, ServiceError
from core.events import event_record
from core.faults import pause_point
from core.leases import (
    Heartbeat,
    LeaseLost,
    lease_clear,
    lease_seconds,
    lease_take,
    reclaimer,
    stale,
    task_rows_fail,
)
from core.tasks import task_enqueue
from rights import registry, states
from rights.archive import LAYOUT_VERSION, ArchiveWriter
from rights.models import DataExport

EXPORT_DAYS = 7
EXPORT_DAYS_DELTA = timedelta(days=EXPORT_DAYS)
LIVE = ("requested", "building")
BUILD_TASK = "rights.tasks.export_build_task"
log = logging.getLogger(__name__)
BUILD_FAILED = gettext_noop("The archive could not be built. Please ask for a new export.")
INTERRUPTED = gettext_noop(
    "Building the archive was interrupted (the server doing it stopped). "
    "Please ask for a new export."
)

README_HEAD = """\
# Your Candid data

This archive holds everything Candid stores about the account “{username}”, as of
{created} (UTC). It was made because you asked for it (GDPR Art. 15 and 20). Text files
are UTF-8 JSON; times are ISO 8601 in UTC. Layout version {version}: `manage.py
import_archive` on any Candid instance can load it into an account there.

"""


def export_request(*, actor: User, user: User) -> DataExport:
    """Refuses only someone else's account, and a second export while one is in the works
    (one whose worker died is reclaimed first, so it never blocks a new request)."""
    if actor.pk != user.pk:
        raise PermissionDenied(_("You can only export your own account."))
    exports_reclaim(user=user)
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=user.pk).first()
        if DataExport.objects.filter(user=user, state__in=LIVE).exists():
            raise ServiceError(_("An export of your account is already being prepared."))
        now = timezone.now()
        export = DataExport.objects.create(
            user=user,
            token=secrets.token_urlsafe(32),
            requested_at=now,
            lease_until=now + timedelta(seconds=lease_seconds()),
        )
        event_record(
            kind="rights.export_requested",
            actor=actor,
            subject=export,
            data={"export_id": export.pk},
        )
        transaction.on_commit(lambda: _enqueue_build(export.pk))
    return export


def _enqueue_build(export_id: int) -> None:
    task_enqueue("rights.tasks.export_build_task", export_id)


def _move(export_id: int, target: str, *, owner: str | None = None, **fields) -> DataExport:
    """`owner` set: the move is the build's own and needs its lease still held."""
    with transaction.atomic():
        export = DataExport.objects.select_for_update().get(pk=export_id)
        if owner is not None and export.lease_owner != owner:
            raise LeaseLost()
        states.EXPORT.check(export.state, target)
        export.state = target
        for name, value in fields.items():
            setattr(export, name, value)
        if target == "building":
            lease_take(export)
        elif target != "requested":
            lease_clear(export)
        export.save()
        data = {"export_id": export.pk, **{k: v for k, v in fields.items() if k in ("bytes",)}}
        event_record(kind=f"rights.export_{target}", subject=export, data=data)
    return export


def export_build(*, export_id: int) -> DataExport | None:
    """Builds under a lease. Returns None when the export is gone (the account was erased
    meanwhile) or was reclaimed as failed: then nothing of this build is left behind."""
    try:
        export = _move(export_id, "building", started_at=timezone.now())
    except DataExport.DoesNotExist:
        return None
    pause_point("export.building")
    owner, path = export.lease_owner, ""
    try:
        path, size, photos = _build_and_store(export, Heartbeat(DataExport, export_id, owner))
        pause_point("export.stored")
        now = timezone.now()
        ready = dict(file=path, bytes=size, photo_count=photos, finished_at=now)
        return _move(export_id, "ready", owner=owner, expires_at=now + EXPORT_DAYS_DELTA, **ready)
    except (LeaseLost, DataExport.DoesNotExist):
        log.warning("Export %s was reclaimed or erased while building; discarded", export_id)
        _discard(path)
        return None
    except Exception:
        log.exception("Export %s failed", export_id)
        _discard(path)
        return _move(export_id, "failed", owner=owner, error=BUILD_FAILED)


def _discard(path: str) -> None:
    if path:
        default_storage.delete(path)


def _build_and_store(export: DataExport, heartbeat: Heartbeat) -> tuple[str, int, int]:
    user = export.user
    with tempfile.TemporaryFile() as spool:
        writer = ArchiveWriter(spool, beat=heartbeat.beat)
        try:
            _write_all(user, writer)
        finally:
            writer.close()
        size = spool.tell()
        spool.seek(0)
        heartbeat.beat()
        path = default_storage.save(_name(export), File(spool, name=_name(export)))
    return path, size, user.photos.count()


def _name(export: DataExport) -> str:
    """Every archive of one export starts with `_prefix(export)`, so a build that died
    after storing its file can be cleaned up without a row pointing at the file."""
    return f"{_prefix(export.user_id, export.pk)}{secrets.token_hex(8)}.zip"


def _prefix(user_id: int, export_id: int) -> str:
    return f"exports/{user_id}/{export_id}-"


def _write_all(user: User, writer: ArchiveWriter) -> None:
    writer.write_text("README.md", _readme(user))
    writer.write_json(
        "manifest.json",
        {"layout_version": LAYOUT_VERSION, "username": user.username, "at": timezone.now()},
    )
    for module in registry.modules():
        module.export(user, writer)


def _readme(user: User) -> str:
    head = README_HEAD.format(
        username=user.username,
        created=timezone.now().strftime("%Y-%m-%d %H:%M"),
        version=LAYOUT_VERSION,
    )
    manifest = "- `manifest.json`: the layout version, the account and when this was made.\n\n"
    return head + "## Layout\n\n" + manifest + "\n".join(registry.readmes())


def exports_expire(*, now=None) -> int:
    """Delete archives whose download period has ended; the rows stay as the record."""
    now = now or timezone.now()
    count = 0
    due = DataExport.objects.filter(state="ready", expires_at__lte=now)
    for export_id, path in list(due.values_list("pk", "file")):
        _move(export_id, "expired", file="", expired_at=now)
        transaction.on_commit(lambda p=path: default_storage.delete(p))
        count += 1
    return count


@reclaimer("exports")
def exports_reclaim(*, now=None, user: User | None = None) -> int:
    """Exports whose lease ran out (core.leases). A build whose worker died is marked
    failed with a message the user sees, and any archive it had stored is deleted; a
    request no worker took up in time (the enqueue was lost with its process) is
    enqueued again. `user` limits this to one account's exports."""
    now = now or timezone.now()
    due = stale(DataExport.objects.filter(state__in=LIVE), now=now)
    if user is not None:
        due = due.filter(user=user)
    count = 0
    for export_id, state in list(due.values_list("pk", "state")):
        count += _reclaim_one(export_id, state, now)
    return count


def _reclaim_one(export_id: int, state: str, now) -> int:
    with transaction.atomic():
        export = DataExport.objects.select_for_update().filter(pk=export_id).first()
        if export is None or export.state != state or not _expired(export, now):
            return 0
        if state == "requested":
            export.lease_until = now + timedelta(seconds=lease_seconds())
            export.save(update_fields=["lease_until"])
            transaction.on_commit(lambda: _enqueue_build(export_id))
            return 1
        _move(export_id, "failed", error=INTERRUPTED, finished_at=now)
        task_rows_fail(task_path=BUILD_TASK, args=[export_id])
        transaction.on_commit(lambda: _discard_prefix(export.user_id, export_id))
    return 1


def _expired(export: DataExport, now) -> bool:
    return export.lease_until is not None and export.lease_until < now


def _discard_prefix(user_id: int, export_id: int) -> None:
    """Deletes whatever archive a dead build of this export had stored."""
    folder, prefix = f"exports/{user_id}", _prefix(user_id, export_id)
    try:
        _dirs, names = default_storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in names:
        if f"{folder}/{name}".startswith(prefix):
            default_storage.delete(f"{folder}/{name}")
