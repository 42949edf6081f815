"""Finding an account or a post on another server from what a member types:
`@bob@pixelfed.example` (WebFinger on that server), or a pasted URL of a profile or a post.

A pasted URL is fetched once (fetch.py's signed GET, under its SSRF guard) and read by its
type: an actor is stored as today; a post is stored (posts.post_store) with its author only
when the post's id and its author are on the server of the URL, so a server cannot make
Candid show a post as someone else's. Anything else (a collection, an error, a post the
server keeps private) is refused with a message and nothing is stored."""

import re
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

from federation.fetch import FetchRefused, fetch_document
from federation.models import RemoteActor, RemotePost
from federation.parsing import as_id, as_list, first
from federation.posts import POST_TYPES, post_store
from federation.remote_actors import actor_refresh, actor_save, is_actor
from federation.standing import remote_actor_shown

HANDLE = re.compile(
    r"^@?(?P<name>[A-Za-z0-9_.\-]{1,100})@(?P<host>[A-Za-z0-9.\-]{1,253}(:[0-9]{1,5})?)$"
)
JRD = "application/jrd+json, application/json"
# What a pasted post may be: the object types Mastodon, Pixelfed, PeerTube and Lemmy serve.


class LookupRefused(FetchRefused):
    """Nothing found, or nothing that may be shown; the message is for the member."""


@dataclass(frozen=True)
class Found:
    actor: RemoteActor
    post: RemotePost | None = None


def remote_actor_find(query: str) -> RemoteActor:
    """The account, fetched now (FetchRefused when it cannot be found)."""
    query = query.strip()
    if match := HANDLE.match(query):
        return actor_refresh(_webfinger(match["name"], match["host"]))
    if _is_url(query):
        return _actor_of(_fetched(query), query)
    raise FetchRefused("Give an address like @name@server.example or a profile URL.")


def remote_find(query: str) -> Found:
    """An account (by address or URL) or a post (by URL) on another server, fetched now and
    stored; LookupRefused (a FetchRefused) when there is nothing to show."""
    query = query.strip()
    if not _is_url(query):
        return Found(actor=remote_actor_find(query))
    document = _fetched(query)
    if is_actor(document):
        return Found(actor=_actor_of(document, query))
    if any(kind in POST_TYPES for kind in as_list(document.get("type"))):
        return _post_of(document, query)
    raise LookupRefused(
        _("%(address)s is neither an account nor a post: nothing was stored.") % {"address": query}
    )


def _is_url(query: str) -> bool:
    return query.startswith(("https://", "http://"))


def _fetched(url: str) -> dict:
    try:
        return fetch_document(url)
    except FetchRefused:
        raise LookupRefused(
            _(
                "Nothing could be fetched from %(address)s: it does not exist, its server "
                "keeps it private, or the server did not answer."
            )
            % {"address": url}
        ) from None


def _actor_of(document: dict, url: str) -> RemoteActor:
    """The actor document at `url`; one whose id is another address on the same server
    (a profile page's URL) is fetched again from its id, as actor_refresh requires."""
    if not is_actor(document):
        raise LookupRefused(_("No account found at %(address)s.") % {"address": url})
    uri = as_id(document) or ""
    if uri == url:
        return actor_save(document)
    if _origin(uri) != _origin(url):
        message = _("The account at %(address)s is on another server.")
        raise LookupRefused(message % {"address": url})
    return actor_refresh(uri)


def _post_of(document: dict, url: str) -> Found:
    """Stored only when the post's id and its author are on the server of `url`: a server
    speaks for its own posts and accounts, not for others'."""
    author_uri = as_id(first(document.get("attributedTo"))) or ""
    if _origin(as_id(document) or "") != _origin(url) or _origin(author_uri) != _origin(url):
        raise LookupRefused(
            _(
                "The post at %(address)s names an id or an author on another server, so "
                "it is not shown here."
            )
            % {"address": url}
        )
    try:
        author = actor_refresh(author_uri)
    except FetchRefused:
        raise LookupRefused(
            _("The author of the post at %(address)s could not be fetched.") % {"address": url}
        ) from None
    if not remote_actor_shown(author):
        raise LookupRefused(_("This account is not shown here."))
    post = post_store(author, document)
    if post is None:
        raise LookupRefused(
            _("The post at %(address)s is not public or has no images: Candid shows only those.")
            % {"address": url}
        )
    if post.removed_at is not None:
        raise LookupRefused(_("This post was removed here by a moderation decision."))
    return Found(actor=author, post=post)


def _origin(url: str) -> tuple[str, str, int | None]:
    """Scheme, host and port: "the same server" is the same origin (ports count, so two
    servers on one address are two servers)."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return ("", "", None)
    default = {"https": 443, "http": 80}.get(parts.scheme)
    return (parts.scheme, (parts.hostname or "").lower(), port or default)


def _webfinger(name: str, host: str) -> str:
    scheme = "http" if settings.CANDID_FEDERATION_ALLOW_LOCAL else "https"
    query = urlencode({"resource": f"acct:{name}@{host}"})
    document = fetch_document(f"{scheme}://{host}/.well-known/webfinger?{query}", accept=JRD)
    for link in document.get("links") or []:
        if isinstance(link, dict) and link.get("rel") == "self" and "json" in str(link.get("type")):
            href = as_id(link)
            if href:
                return href
    raise FetchRefused(f"{name}@{host} has no ActivityPub account.")
