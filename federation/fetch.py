"""Fetching documents from other servers, safely.

Server-side request forgery: a remote document names URLs (actors, keys, media) that
Candid then fetches, so a hostile one could point at Candid's own network. Every fetch
resolves the host first and refuses private, loopback, link-local, multicast and reserved
addresses, and plain http; CANDID_FEDERATION_ALLOW_LOCAL=1 (tests only) allows http and
127.0.0.1, nothing else. Redirects are followed by hand, each hop checked the same way.
The address actually connected to is checked again (safe_http.py: DNS rebinding).
Answers are bounded in size and time. GETs are signed with the instance actor's key, as
servers with authorized fetch (Mastodon's secure mode) require.
"""

import json
import socket
from urllib.parse import urljoin, urlsplit

import requests
from django.conf import settings

from federation import addresses
from federation.actors import instance_actor
from federation.negotiation import ACTIVITY_JSON
from federation.safe_http import ip_allowed, public_request
from federation.signatures import sign_request

MAX_BYTES = 1_000_000
TIMEOUT_SECONDS = 10
MAX_REDIRECTS = 3
ACCEPT = f'{ACTIVITY_JSON}, application/ld+json; profile="https://www.w3.org/ns/activitystreams"'
USER_AGENT = "Candid (ActivityPub; +{site})"


class FetchRefused(Exception):
    """The URL may not be fetched, or its answer is not a usable document."""


def address_allowed(url: str) -> None:
    """Raises FetchRefused unless `url` is https (or local http in tests) to a public host."""
    parts = urlsplit(url)
    local = settings.CANDID_FEDERATION_ALLOW_LOCAL
    if parts.scheme != "https" and not (local and parts.scheme == "http"):
        raise FetchRefused(f"Only https URLs are fetched: {url}")
    if not parts.hostname:
        raise FetchRefused(f"No host in {url}")
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 443, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError):
        raise FetchRefused(f"Unknown host: {parts.hostname}") from None
    if not all(ip_allowed(info[4][0]) for info in infos):
        raise FetchRefused(f"{parts.hostname} is not a public address")


def fetch_document(url: str, *, accept: str = ACCEPT) -> dict:
    """A signed GET for an ActivityPub document, parsed; FetchRefused on any failure."""
    for _ in range(MAX_REDIRECTS + 1):
        address_allowed(url)
        response = _signed_get(url, accept)
        if response.is_redirect:
            url = urljoin(url, response.headers.get("Location", ""))
            continue
        if response.status_code != 200:
            raise FetchRefused(f"{url} answered {response.status_code}")
        return _parsed(_bounded_body(response), url)
    raise FetchRefused(f"Too many redirects from {url}")


def _signed_get(url: str, accept: str) -> requests.Response:
    actor = instance_actor()
    headers = sign_request(
        method="GET",
        url=url,
        body=None,
        key_id=addresses.key_id(None),
        private_pem=actor.private_key_pem,
    )
    headers["Accept"] = accept
    headers["User-Agent"] = USER_AGENT.format(site=settings.SITE_URL)
    try:
        return public_request(
            "GET", url, headers=headers, timeout=TIMEOUT_SECONDS, allow_redirects=False, stream=True
        )
    except requests.RequestException as error:
        raise FetchRefused(f"{url}: {error.__class__.__name__}") from None


def _bounded_body(response: requests.Response) -> bytes:
    body = b""
    for chunk in response.iter_content(64 * 1024):
        body += chunk
        if len(body) > MAX_BYTES:
            response.close()
            raise FetchRefused("The document is too large.")
    return body


def _parsed(body: bytes, url: str) -> dict:
    try:
        document = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise FetchRefused(f"{url} did not answer JSON") from None
    if not isinstance(document, dict):
        raise FetchRefused(f"{url} did not answer a JSON object")
    return document
