"""Loading an export archive into an account on this instance (`manage.py
import_archive`). Photos go through `photo_upload`, so this instance checks, hashes and
renders them itself; each privacy module with an `import_archive` loads its folder.

Each run is an `ImportRun` under a lease (core.leases). A run that fails removes what it
had added; a run whose process died is reclaimed as "interrupted", and running the same
archive into the same account again removes what that run had added before importing
afresh, so a photo is never imported twice."""

import hashlib
import zipfile

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.models import User
from accounts.services import profile_update, user_create_passwordless
from core.errors import ServiceError
from core.events import event_record
from core.faults import pause_point
from core.leases import Heartbeat, LeaseLost, lease_clear, lease_take, reclaimer, stale
from photos.models import Album, Photo
from photos.services import album_delete, photo_delete
from rights import registry, states
from rights.archive import LAYOUT_VERSION, ArchiveReader
from rights.models import ImportRun

INTERRUPTED = gettext_noop(
    "The import was interrupted (the process running it stopped). Run it again: it "
    "removes what was imported and starts afresh."
)


def archive_import(*, path, username: str, create_user: bool) -> dict:
    try:
        reader = ArchiveReader(path)
    except (OSError, ValueError, zipfile.BadZipFile) as exc:
        raise ServiceError(_("The archive cannot be read: %(why)s") % {"why": exc}) from exc
    try:
        manifest = reader.json("manifest.json")
        if not manifest or manifest.get("layout_version") != LAYOUT_VERSION:
            raise ServiceError(_("This is not a Candid export archive (no manifest.json v1)."))
        imports_reclaim()
        run, undone = _run_start(username, create_user, _sha256(path))
        reader.beat = _beat(Heartbeat(ImportRun, run.pk, run.lease_owner))
        report: dict = {"username": run.user.username, "created": create_user, "undone": undone}
        _load_or_undo(run, reader, report)
    finally:
        reader.close()
    return report


def _load_or_undo(run: ImportRun, reader: ArchiveReader, report: dict) -> None:
    try:
        _load(run, reader, report)
    except LeaseLost as exc:
        raise ServiceError(_("This import was reclaimed as interrupted; run it again.")) from exc
    except Exception:
        _undo(run)
        _finish(run, "failed", error="The import failed; what it had added was removed.")
        raise
    _finish(run, "completed", photos=report.get("photos", 0))


def _beat(heartbeat: Heartbeat):
    def beat() -> None:
        pause_point("import.entry")
        heartbeat.beat()

    return beat


def _load(run: ImportRun, reader: ArchiveReader, report: dict) -> None:
    if run.created_user:
        profile = reader.json("account/profile.json", {})
        profile_update(
            user=run.user,
            display_name=profile.get("display_name", "")[:80],
            bio=profile.get("bio", "")[:2000],
        )
    for module in registry.modules():
        if hasattr(module, "import_archive"):
            module.import_archive(run.user, reader, report)


def _sha256(path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        while chunk := stream.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


def _run_start(username: str, create: bool, digest: str) -> tuple[ImportRun, int]:
    """The new run, and how many photos an interrupted run of this archive had added
    (removed now)."""
    with transaction.atomic():
        earlier = (
            ImportRun.objects.select_for_update()
            .filter(user__username=username, archive_sha256=digest, state="interrupted")
            .first()
        )
        undone = _undo(earlier) if earlier else 0
        if earlier and earlier.created_user and create:
            user, created = earlier.user, True
        else:
            user, created = _target_user(username, create), create
        if ImportRun.objects.filter(user=user, state="running").exists():
            raise ServiceError(
                _("An import into “%(name)s” is running already.") % {"name": user.username}
            )
        run = ImportRun(user=user, archive_sha256=digest, created_user=created)
        run.started_at = timezone.now()
        lease_take(run, now=run.started_at)
        run.save()
        event_record(kind="rights.import_started", subject=run, data={"import_id": run.pk})
    return run, undone


def _undo(run: ImportRun) -> int:
    """Removes the photos and albums `run` added (everything of the account created
    since it started), through the photos services; marks an interrupted run undone."""
    photos = Photo.objects.filter(owner=run.user, created_at__gte=run.started_at)
    albums = Album.objects.filter(owner=run.user, created_at__gte=run.started_at)
    count = 0
    for photo in photos:
        photo_delete(actor=run.user, photo=photo)
        count += 1
    for album in albums:
        album_delete(actor=run.user, album=album)
    if run.state == "interrupted":
        _move(run, "undone", photos=count)
    return count


def _finish(run: ImportRun, target: str, **fields) -> None:
    with transaction.atomic():
        current = ImportRun.objects.select_for_update().get(pk=run.pk)
        if current.lease_owner != run.lease_owner:
            raise LeaseLost()
        _move(current, target, finished_at=timezone.now(), **fields)


def _move(run: ImportRun, target: str, **fields) -> None:
    states.IMPORT.check(run.state, target)
    run.state = target
    for name, value in fields.items():
        setattr(run, name, value)
    lease_clear(run)
    run.save()
    event_record(
        kind=f"rights.import_{target}",
        subject=run,
        data={"import_id": run.pk, **({"photos": run.photos} if run.photos is not None else {})},
    )


@reclaimer("imports")
def imports_reclaim(*, now=None, user: User | None = None) -> int:
    """Runs whose lease ran out: their process died. Marked interrupted, with a message
    saying what to do; the next run of the same archive cleans up after them."""
    due = stale(ImportRun.objects.filter(state="running"), now=now)
    if user is not None:
        due = due.filter(user=user)
    count = 0
    for run_id in list(due.values_list("pk", flat=True)):
        with transaction.atomic():
            run = ImportRun.objects.select_for_update().get(pk=run_id)
            if run.state == "running":
                _move(run, "interrupted", error=INTERRUPTED, finished_at=now or timezone.now())
                count += 1
    return count


def _target_user(username: str, create: bool) -> User:
    existing = User.objects.filter(username=username, is_active=True).first()
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
