"""Search for people and tags: `GET /search/people?q=` and `GET /search/tags?q=`, the two
lists the search page shows beside the photos (photos: `GET /photos?q=`). Each is short and
bounded (the best few names), so it is one page, not a paged list."""

from urllib.parse import urlencode

from django.http import HttpRequest
from django.urls import reverse
from ninja import Field, Query, Router, Schema

from api.auth import PUBLIC_OPENAPI, PUBLIC_READ, user_of
from api.schemas.common import ERRORS, UserSummary, absolute, user_summary
from api.schemas.text import ParamsSchema
from core.geo import viewer_country
from photos.search import people_search, tag_search

router = Router(tags=["search"])


class NameQuery(ParamsSchema):
    q: str = Field(
        "",
        description="Words (each as a word prefix; at most 200 characters). Blank or "
        "operator-only: no results.",
    )


class PersonOut(UserSummary):
    profile_url: str


class PeopleOut(Schema):
    items: list[PersonOut]


class TagOut(Schema):
    name: str
    url: str = Field(description="The tag's page.")
    photos_url: str = Field(description="The tag's photos in the API.")


class TagsOut(Schema):
    items: list[TagOut]


@router.get(
    "/search/people",
    response={200: PeopleOut, **ERRORS},
    auth=PUBLIC_READ,
    openapi_extra=PUBLIC_OPENAPI,
)
def search_people(request: HttpRequest, query: Query[NameQuery]):
    """Members whose username or display name has every word, at most 8, shortest name
    first. Deactivated, erased, suspended and terminated accounts are never
    found."""
    people = people_search(query.q)
    return {"items": [_person(request, person) for person in people]}


@router.get(
    "/search/tags",
    response={200: TagsOut, **ERRORS},
    auth=PUBLIC_READ,
    openapi_extra=PUBLIC_OPENAPI,
)
def search_tags(request: HttpRequest, query: Query[NameQuery]):
    """Tags starting with one of the words, on photos the caller may see that the same
    words find, at most 12, shortest first."""
    tags = tag_search(query.q, user_of(request), country=viewer_country(request))
    return {"items": [_tag(request, tag) for tag in tags]}


def _person(request: HttpRequest, person) -> dict:
    url = absolute(request, reverse("profile", args=[person.username]))
    return {**user_summary(request, person), "profile_url": url}


def _tag(request: HttpRequest, tag) -> dict:
    photos = request.path.removesuffix("search/tags") + "photos?" + urlencode({"tag": tag.name})
    return {
        "name": tag.name,
        "url": absolute(request, reverse("tag", args=[tag.name])),
        "photos_url": absolute(request, photos),
    }
