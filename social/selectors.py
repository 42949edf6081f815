"""Reads for the social graph and the feed."""

from functools import cache

from django.db import connection
from django.db.models import (
    BooleanField,
    Exists,
    F,
    Func,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce

from accounts.models import User
from photos.models import Photo
from photos.search_match import OnRow
from photos.selectors import photos_visible_to
from social.models import Comment, Favourite, Follow, Mute


def feed_for(viewer, *, country: str = "") -> QuerySet[Photo]:
    """Photos of people the viewer follows and has not muted, and the viewer's own
    uploads, newest first, as far as the viewer may see them."""
    muted = Mute.objects.filter(muter=viewer).values("muted_id")
    visible = photos_visible_to(viewer, country=country).filter(_followed_or_own(viewer))
    return visible.exclude(owner_id__in=muted)


def _followed_or_own(viewer) -> OnRow:
    """The owners as an array, so PostgreSQL reads their photos through the owner index
    (a few hundred rows, whatever the site's size). As `owner_id IN (subquery)` it was
    estimated to keep half the photos and walked the newest photos of the whole site until
    it had a page: 1.2 s at 3,000,000 photos for a member following 20 people."""
    if connection.vendor != "postgresql":
        followed = Follow.objects.filter(follower=viewer).values("followee_id")
        return Q(owner_id__in=followed) | Q(owner_id=viewer.pk)
    owners = (
        "{table}.owner_id = ANY(ARRAY(SELECT followee_id FROM social_follow"
        " WHERE follower_id = %s) || %s::bigint)"
    )
    return OnRow(owners, [viewer.pk, viewer.pk], BooleanField())


def comments_on(photo: Photo) -> QuerySet[Comment]:
    return Comment.objects.filter(photo=photo, removed_at__isnull=True).select_related("author")


def favourites_of(user: User, viewer, *, country: str = "") -> QuerySet[Photo]:
    """A user's favourites, limited to the photos the viewer may see."""
    return (
        photos_visible_to(viewer, country=country)
        .filter(favourites__user=user)
        .order_by("-favourites__created_at")
    )


def follow_counts(user: User) -> dict:
    """Followers and following, each counted on its own index in one statement. (Counted
    DISTINCT over a join of both lists, it read followers × following rows.)"""
    counted = with_follow_counts(User.objects.filter(pk=user.pk))
    row = counted.values("follower_count", "following_count").get()
    return {"followers": row["follower_count"], "following": row["following_count"]}


def with_follow_counts(members: QuerySet[User]) -> QuerySet[User]:
    """Each member with `follower_count` and `following_count`, each counted by a
    subquery of its own: the profile reads them with the member's row, not in a query of
    their own."""
    return members.annotate(
        follower_count=_follows_counted("followee"), following_count=_follows_counted("follower")
    )


def member_with_follow_counts(username: str) -> User | None:
    """An active member by username, with their follow counts (the profile's row)."""
    return with_follow_counts(User.objects.filter(username=username, is_active=True)).first()


def _follows_counted(side: str):
    rows = Follow.objects.filter(**{side: OuterRef("pk")}).order_by()
    counted = rows.annotate(n=Func(F("pk"), function="COUNT")).values("n")
    return Coalesce(Subquery(counted), 0)


def with_favourite_counts(photos: QuerySet[Photo], viewer) -> QuerySet[Photo]:
    """Each photo's favourites counted by a subquery of its own, for the rows shown only.
    (A COUNT over a join grouped the whole list first: every visible photo's favourites
    were counted before the LIMIT, 27-35 s for the API's photo list at 3,000,000 photos.)"""
    counted = Favourite.objects.filter(photo=OuterRef("pk")).order_by()
    counted = counted.annotate(n=Func(F("pk"), function="COUNT")).values("n")
    annotated = photos.annotate(favourite_count=Coalesce(Subquery(counted), 0))
    if viewer.is_authenticated:
        mine = Favourite.objects.filter(user=viewer, photo=OuterRef("pk"))
        annotated = annotated.annotate(favourited=Exists(mine))
    return annotated


def favourited_by(viewer, photo_id: int) -> bool:
    return _pair_exists(Favourite, "user", "photo", viewer.pk, photo_id)


def _pair_exists(model, first: str, second: str, first_id: int, second_id: int) -> bool:
    """One indexed row lookup in plain SQL: the viewer's own bit on a warm photo page or
    profile, asked on every request. Through the ORM, building and compiling the query
    cost more than the rest of the warm view (bench/README.md, "Signed-in pages")."""
    with connection.cursor() as cursor:
        cursor.execute(_pair_sql(model, first, second), [first_id, second_id])
        return cursor.fetchone() is not None


@cache
def _pair_sql(model, first: str, second: str) -> str:
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = [quote(model._meta.get_field(name).column) for name in (first, second)]
    return f"SELECT 1 FROM {table} WHERE {columns[0]} = %s AND {columns[1]} = %s LIMIT 1"  # noqa: S608 - names from the model


def comment_for_viewer(viewer, comment_id: int) -> Comment | None:
    """A comment is visible exactly when its photo is."""
    return (
        Comment.objects.filter(
            pk=comment_id, removed_at__isnull=True, photo__in=photos_visible_to(viewer)
        )
        .select_related("photo", "author")
        .first()
    )


def followers_of(user: User) -> QuerySet[User]:
    """Active accounts following `user`, most recent follow first."""
    return User.objects.filter(following__followee=user, is_active=True).order_by(
        "-following__created_at", "-pk"
    )


def following_of(user: User) -> QuerySet[User]:
    """Active accounts `user` follows, most recent follow first."""
    return User.objects.filter(followers__follower=user, is_active=True).order_by(
        "-followers__created_at", "-pk"
    )
