"""'Am I in a dataset?' — public reads over Candid's releases and imported external
manifests, by username, by photo link or id, or by an image's perceptual hash (PDQ,
near-duplicates within distance 31, rotated and mirrored copies included)."""

import re
from dataclasses import dataclass, field

from django.core.files.storage import default_storage
from django.db import connection
from django.utils.translation import gettext as _

from accounts.selectors import user_by_username
from consent.lookup.image import MIN_QUALITY, VARIANTS, hash_variants, image_variants, variants_of
from consent.lookup.pdq_index import Hit, shared_index
from consent.models.lookup import ExternalDataset, ManifestRow
from consent.models.releases import DeletionNoticeItem, ReleaseItem
from consent.selectors.origins import account_refs_of, photo_in_datasets
from core.errors import NotFound, ServiceError
from photos.models import Photo
from photos.selectors import photo_for_viewer, photos_visible_to

MAX_ROWS = 500
_PHOTO_LINK = re.compile(r"(?:^|/)(?:photos|r)/(\d+)(?:[/.?#]|$)")


@dataclass
class Match:
    dataset: str
    version: str
    source: str  # "candid" or "external"
    contact: str
    photo_ref: str
    owner: str
    url: str = ""
    licence: str = ""
    distance: int | None = None
    variant: str = ""
    photo: Photo | None = None  # the Candid photo, when the viewer may see it
    withdrawn: bool = False


@dataclass
class LookupResult:
    query: str
    matches: list[Match] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    truncated: bool = False


def lookup_username(*, viewer, username: str) -> LookupResult:
    username = username.strip()
    if not username:
        raise ServiceError(_("Enter a username or user id."))
    result = LookupResult(query=username)
    user = user_by_username(username)
    if user is not None:
        items = ReleaseItem.objects.filter(owner_ref=user.pk)
        result.matches += _describe_release_items(viewer, items[:MAX_ROWS])
        result.notes.append(_("%(username)s is a Candid account.") % {"username": username})
    result.matches += manifest_rows_of_owner(username)
    if user is not None and getattr(viewer, "pk", None) == user.pk:
        result.matches += _moved_in_accounts(user)
    result.truncated = len(result.matches) >= MAX_ROWS
    return result


def lookup_photo(*, viewer, link: str) -> LookupResult:
    """A Candid photo by link or id: the releases that hold it, and near-duplicates of it
    anywhere (its medium rendition is hashed in all eight variants)."""
    photo = photo_for_viewer(viewer, parse_photo_ref(link))
    if photo is None:
        raise NotFound(_("There is no such photo on Candid, or it is not public."))
    result = LookupResult(query=link.strip())
    items = ReleaseItem.objects.filter(photo_ref=photo.pk)
    result.matches += _describe_release_items(viewer, items[:MAX_ROWS])
    if photo.owner_id == getattr(viewer, "pk", None):
        result.matches += _by_origin(photo)
    seen = {(m.dataset, m.version, m.photo_ref) for m in result.matches}
    near = _search(_photo_variants(photo), viewer=viewer)
    result.matches += [m for m in near if (m.dataset, m.version, m.photo_ref) not in seen]
    return result


def lookup_image(*, viewer, fileobj) -> LookupResult:
    """An uploaded image, read from memory and never stored."""
    variants, quality = image_variants(fileobj)
    result = LookupResult(query=_("uploaded image"))
    if quality < MIN_QUALITY:
        result.notes.append(
            _(
                "This image has little detail (PDQ quality %(quality)s of 100), so matches "
                "may be unreliable."
            )
            % {"quality": quality}
        )
    result.matches = _search(variants, viewer=viewer)
    return result


def manifest_rows_of_owner(owner: str) -> list[Match]:
    """Rows whose owner id is `owner` or whose owner name is `owner` in any case: one
    query over the two indexes (owner_ref; lower(owner_name)). Raw SQL because this is
    the hot path over tens of millions of rows (bench/consent_lookup.py: within 2x of a
    bare indexed SELECT)."""
    rows, datasets = ManifestRow._meta.db_table, ExternalDataset._meta.db_table
    sql = (
        f"SELECT d.name, d.version, d.contact, r.photo_ref, r.owner_ref, r.owner_name, r.url, "  # noqa: S608
        f"r.licence FROM {rows} r JOIN {datasets} d ON d.id = r.dataset_id "
        f"WHERE lower(r.owner_name) = lower(%s) OR r.owner_ref = %s LIMIT {MAX_ROWS}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [owner, owner])
        found = cursor.fetchall()
    return [
        Match(name, version, "external", contact, photo_ref, owner_name or owner_ref, url, licence)
        for name, version, contact, photo_ref, owner_ref, owner_name, url, licence in found
    ]


def _moved_in_accounts(user) -> list[Match]:
    """Rows naming the accounts the member moved in from (their Flickr NSID): shown to
    the member alone (consent.selectors.origins)."""
    matches = []
    for _service, ref in account_refs_of(user):
        matches += manifest_rows_of_owner(ref)
    return matches[:MAX_ROWS]


def _by_origin(photo: Photo) -> list[Match]:
    found = photo_in_datasets(photo)
    if not found:
        return []
    origin = photo.origin
    return [
        Match(
            dataset=hits.dataset.name,
            version=hits.dataset.version,
            source="external",
            contact=hits.dataset.contact,
            photo_ref=origin.external_id,
            owner=origin.account_ref,
            url=hits.refs[0],
            photo=photo,
        )
        for hits in found
    ]


def parse_photo_ref(link: str) -> int:
    text = link.strip()
    if text.isdigit():
        return int(text)
    found = _PHOTO_LINK.search(text)
    if not found:
        raise ServiceError(
            _(
                "That is neither a link to a Candid photo nor a photo id. To check a photo "
                "from elsewhere, upload the image itself."
            )
        )
    return int(found.group(1))


def photo_hashes(photo_ids) -> list[tuple[int, str, str]]:
    """(id, owner username, PDQ hash) of the given photos, for test manifests."""
    rows = Photo.objects.filter(pk__in=list(photo_ids)).exclude(pdq_hash="")
    return list(rows.values_list("pk", "owner__username", "pdq_hash"))


def _photo_variants(photo: Photo):
    rendition = photo.renditions.filter(size="medium").first()
    if rendition is not None and default_storage.exists(rendition.file):
        from PIL import Image

        with default_storage.open(rendition.file, "rb") as handle, Image.open(handle) as image:
            return variants_of(image.convert("RGB"))[0]
    return hash_variants(photo.pdq_hash)


def _search(variants, viewer=None) -> list[Match]:
    index = shared_index()
    index.ensure_fresh()
    hits = index.search(variants)[:MAX_ROWS]
    by_id = {(h.source, h.row_id): h for h in hits}
    manifest = ManifestRow.objects.filter(pk__in=[h.row_id for h in hits if h.source == "manifest"])
    release = ReleaseItem.objects.filter(pk__in=[h.row_id for h in hits if h.source == "release"])
    matches = _describe_manifest_rows(manifest.select_related("dataset"), by_id)
    matches += _describe_release_items(viewer, release, by_id)
    return sorted(matches, key=lambda m: (m.distance, m.source, m.dataset))


def _describe_manifest_rows(rows, hits: dict | None = None) -> list[Match]:
    matches = []
    for row in rows:
        hit: Hit | None = (hits or {}).get(("manifest", row.pk))
        matches.append(
            Match(
                dataset=row.dataset.name,
                version=row.dataset.version,
                source="external",
                contact=row.dataset.contact,
                photo_ref=row.photo_ref,
                owner=row.owner_name or row.owner_ref,
                url=row.url,
                licence=row.licence,
                distance=hit.distance if hit else None,
                variant=VARIANTS[hit.variant] if hit else "",
            )
        )
    return matches


def _describe_release_items(viewer, items, hits: dict | None = None) -> list[Match]:
    items = list(items.select_related("release__dataset"))
    visible = set(
        photos_visible_to(viewer)
        .filter(pk__in=[i.photo_ref for i in items])
        .values_list("pk", flat=True)
    )
    photos = Photo.objects.in_bulk(visible)
    deleted = set(
        DeletionNoticeItem.objects.filter(
            photo_ref__in=[i.photo_ref for i in items], release__in={i.release_id for i in items}
        ).values_list("release_id", "photo_ref")
    )
    matches = []
    for item in items:
        hit = (hits or {}).get(("release", item.pk))
        matches.append(
            Match(
                dataset=item.release.dataset.name,
                version=_("release %(number)s") % {"number": item.release.number},
                source="candid",
                contact=_("Candid: withdraw consent in your settings"),
                photo_ref=str(item.photo_ref),
                owner="",
                licence=item.licence,
                distance=hit.distance if hit else None,
                variant=VARIANTS[hit.variant] if hit else "",
                photo=photos.get(item.photo_ref),
                withdrawn=(item.release_id, item.photo_ref) in deleted,
            )
        )
    return matches
