"""What a move-in knows of the member's photos before it looks at a single item: the
ids at the source of the photos imported before from that service, and the SHA-256 of
every photo the member holds, read once when the run starts (or resumes) and kept up
to date as the run adds photos.

They only answer "certainly not on Candid yet": an item whose id and hash are both
unknown needs no lookup (the common case, a first import), one that matches is looked
up in the database as before, so a match is never taken from a stale memory. Hashes are
kept as a 60-bit prefix (an int), so 100,000 photos cost a few megabytes; a prefix
shared by chance costs one lookup, never a wrong match. Photos the member uploads by
hand meanwhile are read in once a second (before, each item looked them up itself)."""

import time

from accounts.models import User
from photos.models import Photo, PhotoOrigin

PREFIX = 15  # hex digits of a SHA-256 kept
REREAD_SECONDS = 1.0


class Known:
    def __init__(self, user: User, service: str):
        origins = PhotoOrigin.objects.filter(service=service, photo__owner=user)
        self.external_ids = set(origins.values_list("external_id", flat=True).iterator())
        self.photos = Photo.objects.filter(owner=user)
        self.hashes: set[int] = set()
        self.last_pk, self.next_read = 0, 0.0
        self._read_new()

    def _read_new(self) -> None:
        """The hashes of photos added since the last read: the member may upload by
        hand while the import runs."""
        rows = self.photos.filter(pk__gt=self.last_pk).values_list("pk", "sha256")
        for pk, digest in rows.iterator():
            self.hashes.add(_prefix(digest))
            self.last_pk = max(self.last_pk, pk)
        self.next_read = time.monotonic() + REREAD_SECONDS

    def may_have_origin(self, external_id: str) -> bool:
        return bool(external_id) and external_id in self.external_ids

    def may_have_hash(self, digest: str) -> bool:
        if time.monotonic() >= self.next_read:
            self._read_new()
        return _prefix(digest) in self.hashes

    def add(self, external_id: str, digest: str = "") -> None:
        """A photo this run added or gave an origin (committed)."""
        if external_id:
            self.external_ids.add(external_id)
        if digest:
            self.hashes.add(_prefix(digest))


def _prefix(digest: str) -> int:
    try:
        return int(digest[:PREFIX], 16)
    except ValueError:  # not a hex digest: kept as a value no digest has
        return -1
