"""The import's `report`, handed to every privacy module's `import_archive(user, reader,
report)`: a dict of counts as before, plus the one way to add an object, `once`.

`report.once(kind, source_id, make)` runs `make()` (which adds one photo or album and
returns its new id) in a transaction that also records an `ImportItem` and, for a photo,
the progress figure, and that first checks the run still holds its lease (one UPDATE
that counts the item and finds the run's row still this worker's). A resumed run
finds the items of the run before it and skips them, so nothing is added twice: either
the object and its item were committed together, or neither was."""

from collections.abc import Callable, Sequence

from django.db import transaction
from django.db.models import F

from core.faults import pause_point
from core.leases import Heartbeat, LeaseLost
from rights.models import ImportItem, ImportProblem, ImportRun

PROGRESS = ("photo", "existing", "skipped")
# Callables given a run id after each item: `manage.py import_flickr`'s progress line
# when the task runs in its process.
WATCHERS: list[Callable[[int], None]] = []


class ImportSteps(dict):
    def __init__(self, run: ImportRun, heartbeat: Heartbeat):
        super().__init__()
        self.run_id, self.owner, self.heartbeat = run.pk, run.lease_owner, heartbeat
        items = ImportItem.objects.filter(run_id=run.pk)
        self.added = {(k, s): t for k, s, t in items.values_list("kind", "source_id", "target_id")}

    def expect(self, photos: int) -> None:
        """How many photos the archive holds to import: the figure progress counts up to."""
        ImportRun.objects.filter(pk=self.run_id, lease_owner=self.owner).update(total=photos)

    def imported(self, kind: str) -> dict[int, int]:
        """Archive id -> new id of every `kind` object this run (or its earlier tries) added."""
        return {s: t for (k, s), t in self.added.items() if k == kind}

    def once(
        self,
        kind: str,
        source_id: int,
        make: Callable[[], int],
        problems: Sequence[tuple[str, str, bool]] = (),
    ) -> int:
        """`problems` ((name, reason, skipped) for the summary) are recorded with the item.
        Kinds that count as progress: "photo", and a move-in's "existing" (found on
        Candid already) and "skipped" (listed as a problem)."""
        key = (kind, int(source_id))
        if key in self.added:
            return self.added[key]
        self.heartbeat.beat()
        with transaction.atomic():
            # The lease check and the progress in one statement, before `make`: like
            # SELECT … FOR UPDATE it holds the run's row until the item commits.
            held = ImportRun.objects.filter(pk=self.run_id, lease_owner=self.owner, state="running")
            if not held.update(done=F("done") + (1 if kind in PROGRESS else 0)):
                raise LeaseLost()
            target = make()
            ImportItem.objects.create(
                run_id=self.run_id, kind=kind, source_id=key[1], target_id=target
            )
            ImportProblem.objects.bulk_create(
                ImportProblem(run_id=self.run_id, name=n[:255], reason=r[:300], skipped=s)
                for n, r, s in problems
            )
        pause_point(f"import.{kind}")
        self.added[key] = target
        for watcher in WATCHERS:
            watcher(self.run_id)
        return target

    def seen(self, source_id: int) -> bool:
        """Whether an earlier try of this run dealt with the move-in item already."""
        return any((kind, int(source_id)) in self.added for kind in PROGRESS)
