"""The photos before and after one photo in the list it was opened from, as the photo
page's previous and next links (photos/contexts.py names the lists)."""

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from api.auth import PUBLIC_OPENAPI, PUBLIC_READ, user_of
from api.lookups import visible_photo
from api.schemas.common import ERRORS
from api.schemas.text import ParamsSchema, PlainText
from core.errors import NotFound, ServiceError
from core.geo import viewer_country
from photos.contexts import KINDS, MAX_LENGTH, photo_list_named

router = Router(tags=["photos"])


class NeighboursQuery(ParamsSchema):
    context: PlainText = Field(
        alias="in",
        min_length=1,
        max_length=MAX_LENGTH,
        description="The list: `user:<username>` (a photostream), `album:<id>`, "
        "`tag:<name>`, `explore`, `feed` (yours), `fav:<username>` (a member's favourites) "
        "or `search:<words>`, as the photo pages' `?in=`.",
    )


class NeighboursOut(Schema):
    context: str = Field(alias="in", description="The list, as asked for.")
    previous: int | None = Field(
        description="Id of the photo before this one in the list's order (on a newest-first "
        "list, the newer one); null at the start or when the photo is not in the list."
    )
    next: int | None = Field(description="Id of the photo after it; null at the end.")


@router.get(
    "/photos/{photo_id}/neighbours",
    response={200: NeighboursOut, **ERRORS},
    auth=PUBLIC_READ,
    openapi_extra=PUBLIC_OPENAPI,
    by_alias=True,
)
def photo_neighbours(request: HttpRequest, photo_id: int, query: Query[NeighboursQuery]):
    """The previous and next photo you may see in a list, in the list's own order. 404 when
    you may not see the photo or the list (a deleted album, an unknown member); 400 when
    `in` names no kind of list. Scope `read` when a token is sent."""
    viewer, country = user_of(request), viewer_country(request)
    photo = visible_photo(viewer, photo_id, country=country)
    found = photo_list_named(query.context, viewer, country=country)
    if found is None:
        raise _unknown(query.context)
    around = found.around(photo)
    return {
        "in": found.token,
        "previous": around.previous.pk if around.previous else None,
        "next": around.next.pk if around.next else None,
    }


def _unknown(context: str) -> ServiceError:
    kind = context.partition(":")[0]
    if kind not in KINDS:
        return ServiceError(
            _("“%(in)s” names no kind of list. Use one of: %(kinds)s.")
            % {"in": context, "kinds": ", ".join(KINDS)}
        )
    return NotFound(_("“%(in)s” names no list you can see.") % {"in": context})
