"""What a move-in knows of the member's photos before it looks at a single item: the
ids at the source of the photos imported before from that service, and the SHA-256 of
every photo the member holds, read once when the run starts (or resumes) and kept up
to date as the run adds photos.

They only answer "certainly not on Candid yet": an item whose id and hash are both
unknown needs no lookup (the common case, a first import), one that matches is looked
up in the database as before, so a match is never taken from a stale memory. Hashes are
kept as a 60-bit prefix (an int), so 100,000 photos cost a few megabytes; a prefix
shared by chance costs one lookup, never a wrong match."""

from accounts.models import User
from photos.models import Photo, PhotoOrigin

PREFIX = 15  # hex digits of a SHA-256 kept


class Known:
    def __init__(self, user: User, service: str):
        origins = PhotoOrigin.objects.filter(service=service, photo__owner=user)
        self.external_ids = set(origins.values_list("external_id", flat=True).iterator())
        hashes = Photo.objects.filter(owner=user).values_list("sha256", flat=True)
        self.hashes = {_prefix(digest) for digest in hashes.iterator()}

    def may_have_origin(self, external_id: str) -> bool:
        return bool(external_id) and external_id in self.external_ids

    def may_have_hash(self, digest: str) -> bool:
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
