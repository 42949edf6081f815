"""Imported photos found in third-party dataset manifests by their ids at the source
(photos.PhotoOrigin): a Flickr photo id in a manifest row's `photo_ref`, the account's
NSID in its `owner_ref`. Both are indexed lookups (manifest_photo_ref, manifest_owner_ref):
nothing scans a manifest per photo.

A row matches a photo when its photo id is the photo's id at the source and the row says
it is that source's photo: its owner is the same account, or its URL is the source's.
Only the photo's owner is shown these matches: they tie a Candid account to an account
elsewhere, which the member may not want known."""

from dataclasses import dataclass, field
from urllib.parse import quote

from django.db.models import Q
from django.utils.translation import gettext as _

from consent.models.lookup import ExternalDataset, ManifestRow
from photos.models import Photo, PhotoOrigin

BATCH = 1000
HOSTS = {"flickr": "flickr"}


@dataclass
class DatasetHits:
    dataset: ExternalDataset
    photos: list[Photo] = field(default_factory=list)
    refs: list[str] = field(default_factory=list)

    @property
    def withdrawal_link(self) -> str:
        """A mail to the dataset's contact asking for the photos' removal, ready to send."""
        subject = _("Removal of my photos from %(dataset)s") % {"dataset": self.dataset}
        lines = [
            _(
                "I am the photographer of the following photos, listed in %(dataset)s. "
                "I do not consent to their use: please remove them from the dataset and "
                "from any model trained on it, and confirm the removal."
            )
            % {"dataset": self.dataset},
            "",
            *self.refs,
        ]
        body = "\n".join(lines)
        return f"mailto:{self.dataset.contact}?subject={quote(subject)}&body={quote(body)}"


def origin_rows(origins: list[PhotoOrigin]) -> list[tuple[int, int, str]]:
    """(photo id, dataset id, the row's URL) of every manifest row naming one of
    `origins`, in batches of photo ids."""
    found = []
    for service in {o.service for o in origins}:
        mine = [o for o in origins if o.service == service and o.external_id]
        for start in range(0, len(mine), BATCH):
            batch = {o.external_id: o for o in mine[start : start + BATCH]}
            accounts = {o.account_ref for o in batch.values() if o.account_ref}
            same = Q(owner_ref__in=accounts) | Q(url__icontains=HOSTS.get(service, service))
            rows = ManifestRow.objects.filter(photo_ref__in=list(batch)).filter(same)
            for ref, dataset_id, url in rows.values_list("photo_ref", "dataset_id", "url"):
                found.append((batch[ref].photo_id, dataset_id, url or batch[ref].page_url))
    return found


def imported_in_datasets(user) -> list[DatasetHits]:
    """The datasets that list any of `user`'s imported photos, with those photos."""
    origins = list(PhotoOrigin.objects.filter(photo__owner=user))
    return _grouped(origin_rows(origins))


def photo_in_datasets(photo: Photo) -> list[DatasetHits]:
    origin = PhotoOrigin.objects.filter(photo=photo).first()
    return _grouped(origin_rows([origin])) if origin else []


def account_refs_of(user) -> list[tuple[str, str]]:
    """(service, account id there) of the accounts `user` moved in from."""
    origins = PhotoOrigin.objects.filter(photo__owner=user).exclude(account_ref="")
    return list(origins.values_list("service", "account_ref").distinct())


def _grouped(rows: list[tuple[int, int, str]]) -> list[DatasetHits]:
    if not rows:
        return []
    datasets = ExternalDataset.objects.in_bulk({dataset_id for _p, dataset_id, _u in rows})
    photos = Photo.objects.in_bulk({photo_id for photo_id, _d, _u in rows})
    hits: dict[int, DatasetHits] = {}
    for photo_id, dataset_id, url in rows:
        entry = hits.setdefault(dataset_id, DatasetHits(datasets[dataset_id]))
        if photos[photo_id] not in entry.photos:
            entry.photos.append(photos[photo_id])
            entry.refs.append(url)
    return sorted(hits.values(), key=lambda h: (h.dataset.name, h.dataset.version))
