"""Demo data for the lookup: a small imported external manifest (YFCC100M-like) holding
one near-duplicate of a demo photo, so "am I in a dataset?" finds something on a fresh
`make run`."""

import tempfile
from pathlib import Path

from consent.manifests.generate import write_manifest
from consent.models.lookup import ExternalDataset
from consent.services.manifests import manifest_import
from photos.models import Photo, Visibility

DEMO_NAME = "FlickrFaces-demo"


def build_lookup_demo(*, photo: Photo | None = None, rows: int = 300) -> ExternalDataset:
    """Import `rows` generated rows as dataset FlickrFaces-demo 2019, one of them a
    near-duplicate (6 bits away) of `photo` (default: the oldest public photo) listed under
    its owner's username. Idempotent: returns the existing dataset when present."""
    existing = ExternalDataset.objects.filter(name=DEMO_NAME, version="2019").first()
    if existing is not None:
        return existing
    photo = photo or (
        Photo.objects.filter(visibility=Visibility.PUBLIC)
        .exclude(pdq_hash="")
        .select_related("owner")
        .order_by("created_at", "id")
        .first()
    )
    near = [(photo.owner.username, photo.pdq_hash)] if photo else []
    with tempfile.TemporaryDirectory(prefix="candid-demo-manifest-") as tmp:
        path = Path(tmp) / "flickrfaces-demo.csv"
        write_manifest(path, rows, seed=2019, near_duplicates_of=near)
        report = manifest_import(
            path=path, name=DEMO_NAME, version="2019", contact="removal@flickrfaces.example"
        )
    return report.dataset
