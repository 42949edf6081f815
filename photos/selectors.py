"""Reads that decide who sees which photo. Every page, feed, search, API answer and
rendition URL goes through `photos_visible_to`; nothing else filters on visibility."""

import datetime
import functools

from django.db import connection
from django.db.models import DEFERRED, Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from accounts.models import User
from photos.models import Album, Photo, Rendition, Visibility
from photos.search_match import photo_match, search_terms
from social.models import Block, Follow


def _viewer_id(viewer) -> int | None:
    return viewer.pk if viewer is not None and viewer.is_authenticated else None


def _app_limit(viewer, app_limited: bool) -> str:
    """A third-party app acting for the viewer (thirdparty.models.AppViewer carries
    `app_limit`) never gets the viewer's social reach: "own" is public ∪ the viewer's own,
    "public" is public only. "" is an ordinary viewer."""
    limit = getattr(viewer, "app_limit", "")
    return limit or ("own" if app_limited else "")


def _audience_filter(viewer, owner_field: str = "owner", app_limited: bool = False) -> Q:
    viewer_id = _viewer_id(viewer)
    public = Q(visibility=Visibility.PUBLIC)
    limit = _app_limit(viewer, app_limited)
    if viewer_id is None or limit == "public":
        return public
    own = Q(**{f"{owner_field}_id": viewer_id})
    if limit:
        return public | own
    followed = Follow.objects.filter(follower_id=viewer_id).values("followee_id")
    return public | own | Q(visibility=Visibility.FOLLOWERS, **{f"{owner_field}_id__in": followed})


def _blocked_owners(viewer, owner_field: str = "owner") -> Q:
    """Owners who blocked the viewer or whom the viewer blocked: neither sees the other's
    photos or albums while signed in, public ones included (as on Pixelfed). A block also
    severs every follow between them (social.services.block_create), so followers-only
    content is out of reach twice over. Signed out, public photos stay public."""
    viewer_id = _viewer_id(viewer)
    blockers = Block.objects.filter(blocked_id=viewer_id).values("blocker_id")
    blocked = Block.objects.filter(blocker_id=viewer_id).values("blocked_id")
    return Q(**{f"{owner_field}_id__in": blockers}) | Q(**{f"{owner_field}_id__in": blocked})


def _owner_restricted(owner_field: str = "owner") -> Q:
    """Owners under a suspension or termination: their content is out of sight meanwhile.
    An anti-join on the members ever restricted, which PostgreSQL reads through their
    partial index (photos migration 0012) into a hash of a few rows. A condition on each
    row's joined owner made it hash the whole member table for a larger read (search,
    counts): a cost that grew with the community, not with the answer. (A NOT IN subquery
    reads the same rows but is estimated to keep half the photos, which turned the newest
    photos' index scan into a sort of all of them.)"""
    restricted = User.objects.filter(
        Q(terminated_at__isnull=False) | Q(suspended_until__gt=timezone.now()),
        pk=OuterRef(f"{owner_field}_id"),
    )
    return Q(Exists(restricted))


def photos_visible_to(viewer, *, country: str = "", app_limited: bool = False) -> QuerySet[Photo]:
    """Removed photos are out of everyone's sight (the owner sees them through their
    statement of reasons); photos withheld in the viewer's country are left out.
    `app_limited` (implied for an app's viewer, see `_app_limit`): public ∪ own only."""
    hidden = _owner_restricted() & ~Q(owner_id=_viewer_id(viewer) or 0)
    audience = _audience_filter(viewer, app_limited=app_limited)
    visible = Photo.objects.filter(audience, removed_at__isnull=True).exclude(hidden)
    if _viewer_id(viewer) is not None:
        visible = visible.exclude(_blocked_owners(viewer))
    if country:
        visible = visible.exclude(withheld_in__contains=f",{country.upper()},")
    return visible.select_related("owner")


def photo_withheld_for(photo: Photo, country: str) -> bool:
    return bool(country) and f",{country.upper()}," in photo.withheld_in


def photo_for_viewer(viewer, photo_id: int) -> Photo | None:
    return photos_visible_to(viewer).filter(pk=photo_id).first()


def photo_owned_by(owner, photo_id: int) -> Photo | None:
    if _viewer_id(owner) is None:
        return None
    return Photo.objects.filter(pk=photo_id, owner_id=owner.pk).first()


def photos_owned_by(owner, photo_ids: list[int]) -> QuerySet[Photo]:
    """The owner's photos among these ids (others' ids are left out), oldest first."""
    if _viewer_id(owner) is None:
        return Photo.objects.none()
    return Photo.objects.filter(pk__in=photo_ids, owner_id=owner.pk).order_by("created_at", "id")


def explore_photos(viewer, *, country: str = "") -> QuerySet[Photo]:
    """Recent public photos: the explore page shows only what anyone may see, and not
    what a moderation decision demoted."""
    return photos_visible_to(viewer, country=country).filter(
        visibility=Visibility.PUBLIC, demoted=False
    )


def photos_by(owner, viewer, *, country: str = "") -> QuerySet[Photo]:
    return photos_filtered(viewer, country=country, owner=owner)


def photo_count(photos: QuerySet[Photo]) -> int:
    """How many of one member's photos (`photos_by`) the viewer may see, for their profile:
    counted through the owner's index, so it grows with that member's photos only, never
    with the community; the profile caches it with its other parts."""
    return photos.order_by().count()


def photos_tagged(tag_name: str, viewer, *, country: str = "") -> QuerySet[Photo]:
    return photos_filtered(viewer, country=country, tag=tag_name)


def photos_matching(query: str, viewer, *, country: str = "") -> QuerySet[Photo]:
    return photos_filtered(viewer, country=country, query=query)


def photos_filtered(
    viewer, *, country: str = "", owner=None, tag: str | None = None, query: str | None = None
) -> QuerySet[Photo]:
    """Visible photos by `owner`, with `tag`, matching every word of `query` (through the
    full-text index: title, description, tags, the owner's name; at most eight words), all
    given at once: the visibility rule is applied once. Tag and search leave demoted photos
    out; a blank search finds nothing. Ranked, bounded search: photos.search."""
    photos = photos_visible_to(viewer, country=country)
    if owner is not None:
        photos = photos.filter(owner=owner)
    if tag is not None:
        photos = photos.filter(tags__name=tag, demoted=False)
    if query is not None:
        terms = search_terms(query)
        if not terms:
            return Photo.objects.none()
        photos = photos.filter(photo_match(terms), demoted=False)
    return photos


def rendition_for_viewer(viewer, photo_id: int, size: str) -> Rendition | None:
    """The rendition with its photo (and owner) loaded, in one query: it is asked on every
    image request, 304s included."""
    visible = photos_visible_to(viewer).filter(pk=photo_id).values("pk")
    found = Rendition.objects.filter(photo__in=visible, size=size).select_related("photo__owner")
    return found.first()


_RENDITION_FIELDS = ("id", "file", "etag")
_PHOTO_FIELDS = (
    "id",
    "owner_id",
    "rendition_version",
    "visibility",
    "removed_at",
    "withheld_in",
    "licence",  # the rights notice in the served file (consent.metadata.rights_of)
    "created_at",
)
_OWNER_FIELDS = (
    "id",
    "terminated_at",
    "suspended_until",
    "username",
    "display_name",
    "search_noindex",
)


def rendition_public(photo_id: int, size: str) -> Rendition | None:
    """`rendition_for_viewer(None, ...)`, the rendition as anyone may see it, for the
    busiest path there is: every image request, every CDN revalidation. The same rule as
    `photos_visible_to(None)` (public, not removed, owner not suspended or terminated;
    tests/photos/test_rendition_caching.py holds the two together), decided on one row
    read by SQL that the ORM compiled once per process: building the visibility query
    cost several times the query itself. The photo and owner come back with only these
    fields loaded (the rest load on access)."""
    with connection.cursor() as cursor:
        cursor.execute(_public_rendition_sql(connection.vendor), [photo_id, size])
        row = cursor.fetchone()
    if row is None:
        return None
    values = iter(row)
    rendition = _loaded(Rendition, _RENDITION_FIELDS, values)
    photo = _loaded(Photo, _PHOTO_FIELDS, values)
    photo.owner = _loaded(User, _OWNER_FIELDS, values)
    if photo.visibility != Visibility.PUBLIC or photo.removed_at or photo.owner.is_restricted:
        return None
    rendition.photo = photo
    return rendition


@functools.cache
def _public_rendition_sql(vendor: str) -> str:
    fields = [
        *_RENDITION_FIELDS,
        *(f"photo__{f}" for f in _PHOTO_FIELDS),
        *(f"photo__owner__{f}" for f in _OWNER_FIELDS),
    ]
    query = Rendition.objects.filter(photo_id=0).filter(size="").values_list(*fields)
    sql, params = query.query.sql_with_params()
    assert list(params) == [0, ""], params  # the two placeholders, in this order
    return sql


def _loaded(model, names: tuple[str, ...], values):
    """An instance as the ORM loads one with `.only(*names)`: the others deferred."""
    given = {name: next(values) for name in names}
    for name in ("removed_at", "terminated_at", "suspended_until", "created_at"):
        if name in given:
            given[name] = _instant(given[name])
    fields = model._meta.concrete_fields
    row = [given.get(f.attname, DEFERRED) for f in fields]
    return model.from_db(connection.alias, [f.attname for f in fields], row)


def _instant(value):
    """Read without the ORM, SQLite gives a DateTimeField back naive (in UTC)."""
    if isinstance(value, str):
        value = parse_datetime(value)
    if value is not None and timezone.is_naive(value):
        value = timezone.make_aware(value, datetime.UTC)
    return value


def albums_visible_to(viewer) -> QuerySet[Album]:
    hidden = _owner_restricted() & ~Q(owner_id=_viewer_id(viewer) or 0)
    albums = Album.objects.filter(_audience_filter(viewer), removed_at__isnull=True)
    if _viewer_id(viewer) is not None:
        albums = albums.exclude(_blocked_owners(viewer))
    return albums.exclude(hidden).select_related("owner")


def album_owned_by(owner, album_id: int) -> Album | None:
    """The owner's album, removed by moderation or not: what only its owner acts on."""
    if _viewer_id(owner) is None:
        return None
    return Album.objects.filter(pk=album_id, owner_id=owner.pk).first()


def album_photos_owned(album: Album) -> QuerySet[Photo]:
    """Every photo of the album that is its owner's, removed by moderation or not, in album
    order: what the owner's own choices (consent withdrawal) cover."""
    return Photo.objects.filter(owner_id=album.owner_id, album_entries__album=album).order_by(
        "album_entries__position"
    )


def album_photos(album: Album, viewer, *, country: str = "") -> QuerySet[Photo]:
    """An album shows only those of its photos the viewer may see, in album order."""
    return (
        photos_visible_to(viewer, country=country)
        .filter(album_entries__album=album)
        .order_by("album_entries__position")
    )
