"""Discovery and documents for other servers: WebFinger, host-meta, NodeInfo, actors,
photos, outboxes and collections. All answer 404 while the instance does not federate."""

from functools import wraps

from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.views.decorators.http import require_GET

from accounts.models import User
from federation import addresses
from federation.actors import instance_actor, local_actor_for
from federation.documents import CONTEXT, actor_document, instance_actor_document, photo_object
from federation.nodeinfo import SCHEMA, nodeinfo_document
from federation.outbox import outbox_page
from federation.responses import activity_response, json_response
from federation.selectors import (
    approves_followers,
    federated_member,
    federated_photo,
    federation_enabled,
    member_gone,
)
from web.open_web import absolute_url

ACTOR_SECONDS = 300
JRD = "application/jrd+json"


def federating(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not federation_enabled():
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


@require_GET
@federating
def webfinger(request):
    """`resource=acct:alice@host` (or the actor's URL) → the actor and profile links."""
    resource = request.GET.get("resource", "").strip()
    username = _username_of(resource)
    if username is None:
        return HttpResponseBadRequest("resource must be acct:user@" + addresses.domain())
    user = federated_member(username)
    if user is None:
        raise Http404
    actor = addresses.actor_id(user.username)
    return json_response(
        {
            "subject": f"acct:{user.username}@{addresses.domain()}",
            "aliases": [actor],
            "links": [
                {"rel": "self", "type": "application/activity+json", "href": actor},
                {
                    "rel": "http://webfinger.net/rel/profile-page",
                    "type": "text/html",
                    "href": actor,
                },
            ],
        },
        content_type=JRD,
    )


def _username_of(resource: str) -> str | None:
    """From `acct:name@our-domain` or our actor URL `https://our-domain/u/name/`."""
    if resource.startswith("acct:"):
        name, _, host = resource[5:].lstrip("@").partition("@")
        return name if name and host.lower() == addresses.domain().lower() else None
    return addresses.username_from_actor_id(resource)


@require_GET
@federating
def host_meta(request):
    template = absolute_url("/.well-known/webfinger") + "?resource={uri}"
    body = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<XRD xmlns="http://docs.oasis-open.org/ns/xri/xrd-1.0">'
        f'<Link rel="lrdd" template="{template}"/></XRD>'
    )
    return HttpResponse(body, content_type="application/xrd+xml")


@require_GET
@federating
def nodeinfo_index(request):
    href = absolute_url("/nodeinfo/2.1")
    return json_response({"links": [{"rel": SCHEMA, "href": href}]})


@require_GET
@federating
def nodeinfo(request):
    return json_response(
        nodeinfo_document(),
        content_type=f'application/json; profile="{SCHEMA}#"',
    )


@require_GET
@federating
def instance_actor_view(request):
    return activity_response(instance_actor_document(instance_actor()), cache_seconds=ACTOR_SECONDS)


@federating
def actor_view(request, username: str):
    user = federated_member(username)
    if user is None:
        return _gone_or_missing(username)
    document = actor_document(
        user, local_actor_for(user), approves_followers=approves_followers(user)
    )
    return activity_response(document, cache_seconds=ACTOR_SECONDS)


def not_found():
    return activity_response({"error": "Not found"}, status=404)


def _gone_or_missing(username: str):
    if member_gone(username):
        return activity_response(
            {"@context": CONTEXT, "id": addresses.actor_id(username), "type": "Tombstone"},
            status=410,
        )
    raise Http404


@federating
def photo_view(request, photo_id: int):
    """Only what may federate; anything else is 404, whether it exists or not."""
    photo = federated_photo(photo_id)
    if photo is None:
        raise Http404
    return activity_response(photo_object(photo))


@require_GET
@federating
def outbox(request, username: str):
    user = _member_or_404(username)
    return activity_response(outbox_page(user, request.GET.get("page")))


@require_GET
@federating
def followers(request, username: str):
    user = _member_or_404(username)
    return activity_response(_count_only(addresses.followers(username), user.followers.count()))


@require_GET
@federating
def following(request, username: str):
    user = _member_or_404(username)
    return activity_response(_count_only(addresses.following(username), user.following.count()))


def _count_only(collection_id: str, total: int) -> dict:
    """Who follows whom is the member's business: the count is public, the list is not
    (as Mastodon does for members who hide their network)."""
    return {
        "@context": CONTEXT,
        "id": collection_id,
        "type": "OrderedCollection",
        "totalItems": total,
    }


def _member_or_404(username: str) -> User:
    user = federated_member(username)
    if user is None:
        raise Http404
    return user
