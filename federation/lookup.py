"""Finding an account on another server from what a member types: `@bob@pixelfed.example`
(WebFinger on that server) or the URL of a profile."""

import re
from urllib.parse import urlencode

from django.conf import settings

from federation.fetch import FetchRefused, fetch_document
from federation.models import RemoteActor
from federation.parsing import as_id
from federation.remote_actors import actor_refresh

HANDLE = re.compile(
    r"^@?(?P<name>[A-Za-z0-9_.\-]{1,100})@(?P<host>[A-Za-z0-9.\-]{1,253}(:[0-9]{1,5})?)$"
)
JRD = "application/jrd+json, application/json"


def remote_actor_find(query: str) -> RemoteActor:
    """The account, fetched now (FetchRefused when it cannot be found)."""
    query = query.strip()
    if match := HANDLE.match(query):
        return actor_refresh(_webfinger(match["name"], match["host"]))
    if query.startswith(("https://", "http://")):
        return actor_refresh(query)
    raise FetchRefused("Give an address like @name@server.example or a profile URL.")


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
