"""Importing an archive in the task worker (`rights.tasks.archive_import_task`).

The run takes its lease, copies the stored archive to a local temporary file, reads
every entry once to find damage before anything is added (a corrupt archive fails with a
clear message and changes nothing), then hands the archive to each privacy module's
`import_archive`. Photos go through `photo_upload`, so this instance checks, hashes and
renders them itself; each one is committed with its `ImportItem` and the progress figure
(rights.import_steps). A run that fails removes what it added."""

import logging
import os
import shutil
import tempfile
import zipfile
from contextlib import ExitStack, contextmanager

from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_noop

from accounts.plans import QuotaReached
from accounts.preferences import language_for
from accounts.services import profile_update
from core.faults import pause_point
from core.leases import Heartbeat, LeaseLost, lease_take
from core.upload_limits import PREFIX, SUFFIX, upload_dir_ensure
from rights import registry
from rights.archive import CHUNK, ArchiveReader
from rights.import_steps import ImportSteps
from rights.models import ImportRun
from rights.movein.sources import SOURCES
from rights.services.import_undo import import_undo
from rights.services.imports import import_move
from rights.services.movein_run import movein_import

log = logging.getLogger(__name__)
DAMAGED = gettext_noop(
    "The archive is damaged: a file in it does not match its checksum or cannot be read. "
    "Nothing was imported. Export your data again at the source and upload the new archive."
)
MISSING = gettext_noop("The uploaded archive is missing from storage. Please upload it again.")
FAILED = gettext_noop("The import failed; what it had added was removed. Please try again.")
QUOTA = gettext_noop(
    "The archive holds more photos than your plan allows, so the import stopped and what it "
    "had added was removed. Nothing of your own was deleted."
)


QUOTA_STOPPED = gettext_noop(
    "Your plan's quota of photos is reached, so the import stopped there. Everything it "
    "imported stays; import the same files again after making room to add the rest."
)


class ArchiveDamaged(Exception):
    pass


def archive_import_run(*, import_id: int) -> ImportRun | None:
    """Runs (or resumes) one import; None when another worker holds it or it ended."""
    run = _start(import_id)
    if run is None:
        return None
    steps = ImportSteps(run, Heartbeat(ImportRun, run.pk, run.lease_owner))
    try:
        if run.source in SOURCES:
            _move_in(run, steps)
        else:
            with _local_copy(run.archive) as path:
                _import(run, path, steps)
    except LeaseLost:
        log.warning("Import %s was reclaimed while running; left to its new run", import_id)
        return None
    except ArchiveDamaged:
        return _end(run, "failed", error=DAMAGED)
    except FileNotFoundError:
        return _end(run, "failed", error=MISSING)
    except QuotaReached:
        if run.source in SOURCES:  # a move-in keeps what fitted
            return _end(run, "completed", error=QUOTA_STOPPED, **_counts(run, steps))
        return _end(run, "failed", error=QUOTA)
    except Exception:
        log.exception("Import %s failed", import_id)
        return _end(run, "failed", error=FAILED)
    return _end(run, "completed", **_counts(run, steps))


def _counts(run: ImportRun, steps: ImportSteps) -> dict:
    counts = {"photos": len(steps.imported("photo")), "albums": len(steps.imported("album"))}
    if run.source in SOURCES:
        counts.update(
            skipped=len(steps.imported("skipped")), existing=len(steps.imported("existing"))
        )
    return counts


def _move_in(run: ImportRun, steps: ImportSteps) -> None:
    """A move-in: every part of the export at hand as a local file, read by the
    source's reader (rights.movein), imported by the shared step."""
    with ExitStack() as stack:
        stack.enter_context(translation.override(language_for(run.user)))  # its summary
        paths = [stack.enter_context(_local_file(path)) for path in run.archives]
        options = {"fetch": True} if run.fetch_media else {}  # Pixelfed's images
        source = SOURCES[run.source](paths, beat=_beat(steps.heartbeat), **options)
        try:
            movein_import(run, source, steps)
        finally:
            source.close()


@contextmanager
def _local_file(path: str):
    """A stored file on this machine's disk is read where it is (a 5 GB export is not
    copied); one in remote storage is copied first (`_local_copy`)."""
    if not path:
        raise FileNotFoundError("the archive was deleted (the account's erasure)")
    try:
        local = default_storage.path(path)
    except NotImplementedError:
        local = None
    if local is not None:
        if not os.path.exists(local):
            raise FileNotFoundError(path)
        yield local
        return
    with _local_copy(path) as copy:
        yield copy


def _start(import_id: int) -> ImportRun | None:
    with transaction.atomic():
        run = ImportRun.objects.select_for_update().filter(pk=import_id).first()
        if run is None or run.state != "queued":
            return None
        lease_take(run)
        import_move(run, "running")
    return run


@contextmanager
def _local_copy(path: str):
    """The stored archive as a local file (zipfile seeks; S3 objects are remote), in the
    upload directory under the upload prefix: a copy a killed worker leaves behind is
    swept by `upload_debris_sweep` (one still open is only unlinked, the reader goes on)."""
    if not path:
        raise FileNotFoundError("the archive was deleted (the account's erasure)")
    local = tempfile.NamedTemporaryFile(prefix=PREFIX, suffix=SUFFIX, dir=upload_dir_ensure())
    with default_storage.open(path, "rb") as source, local as copy:
        shutil.copyfileobj(source, copy, CHUNK)
        copy.flush()
        yield copy.name


def _import(run: ImportRun, path: str, steps: ImportSteps) -> None:
    reader = ArchiveReader(path, beat=_beat(steps.heartbeat))
    try:
        _check_entries(reader)
        for module in registry.modules():
            if hasattr(module, "import_archive"):
                module.import_archive(run.user, reader, steps)
        if run.created_user:
            _profile(run, reader)
    finally:
        reader.close()


def _check_entries(reader: ArchiveReader) -> None:
    """Reads every entry to its end, so zipfile checks each one's CRC-32, and parses the
    photo and album lists, before anything is imported."""
    try:
        for info in reader.zip.infolist():
            with reader.zip.open(info) as stream:
                while stream.read(CHUNK):
                    reader.beat()
        photos = reader.json("photos/photos.json", [])
        albums = reader.json("albums/albums.json", [])
    except (zipfile.BadZipFile, ValueError, EOFError, OSError) as exc:
        raise ArchiveDamaged(str(exc)) from exc
    for record in [*photos, *albums]:
        if not isinstance(record, dict) or not isinstance(record.get("id"), int):
            raise ArchiveDamaged("a photo or album record has no id")


def _profile(run: ImportRun, reader: ArchiveReader) -> None:
    profile = reader.json("account/profile.json", {}) or {}
    profile_update(
        user=run.user,
        display_name=str(profile.get("display_name", ""))[:80],
        bio=str(profile.get("bio", ""))[:2000],
    )


def _beat(heartbeat: Heartbeat):
    def beat() -> None:
        pause_point("import.entry")
        heartbeat.beat()

    return beat


def _end(run: ImportRun, target: str, **fields) -> ImportRun | None:
    """Ends the run if it still holds its lease; a failed run first removes what it added."""
    with transaction.atomic():
        current = ImportRun.objects.select_for_update().get(pk=run.pk)
        if current.lease_owner != run.lease_owner or current.state != "running":
            return None
        if target == "failed":
            import_undo(current)
        import_move(current, target, finished_at=timezone.now(), **fields)
    return current
