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

from accounts.models import User
from core.errors import PermissionDenied, ServiceError
from core.events import event_record
from core.tasks import task_enqueue
from rights import registry, states
from rights.archive import LAYOUT_VERSION, ArchiveWriter
from rights.models import DataExport

EXPORT_DAYS = 7
log = logging.getLogger(__name__)

README_HEAD = """\
# Your Candid data

This archive holds everything Candid stores about the account “{username}”, as of
{created} (UTC). It was made because you asked for it (GDPR Art. 15 and 20). Text files
are UTF-8 JSON; times are ISO 8601 in UTC. Layout version {version}: `manage.py
import_archive` on any Candid instance can load it into an account there.

"""


def export_request(*, actor: User, user: User) -> DataExport:
    """Refuses only someone else's account, and a second export while one is in the works."""
    if actor.pk != user.pk:
        raise PermissionDenied("You can only export your own account.")
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=user.pk).first()
        if DataExport.objects.filter(user=user, state__in=["requested", "building"]).exists():
            raise ServiceError("An export of your account is already being prepared.")
        export = DataExport.objects.create(
            user=user, token=secrets.token_urlsafe(32), requested_at=timezone.now()
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


def _move(export_id: int, target: str, **fields) -> DataExport:
    with transaction.atomic():
        export = DataExport.objects.select_for_update().get(pk=export_id)
        states.EXPORT.check(export.state, target)
        export.state = target
        for name, value in fields.items():
            setattr(export, name, value)
        export.save()
        data = {"export_id": export.pk, **{k: v for k, v in fields.items() if k in ("bytes",)}}
        event_record(kind=f"rights.export_{target}", subject=export, data=data)
    return export


def export_build(*, export_id: int) -> DataExport:
    export = _move(export_id, "building", started_at=timezone.now())
    try:
        path, size, photos = _build_and_store(export)
    except Exception:
        log.exception("Export %s failed", export_id)
        return _move(export_id, "failed", error="The archive could not be built.")
    now = timezone.now()
    return _move(
        export_id,
        "ready",
        file=path,
        bytes=size,
        photo_count=photos,
        finished_at=now,
        expires_at=now + timedelta(days=EXPORT_DAYS),
    )


def _build_and_store(export: DataExport) -> tuple[str, int, int]:
    user = export.user
    with tempfile.TemporaryFile() as spool:
        writer = ArchiveWriter(spool)
        try:
            _write_all(user, writer)
        finally:
            writer.close()
        size = spool.tell()
        spool.seek(0)
        name = f"exports/{user.pk}/{export.pk}-{secrets.token_hex(8)}.zip"
        path = default_storage.save(name, File(spool, name=name))
    return path, size, user.photos.count()


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
