"""Candid's own ActivityPub addresses. Ids are absolute URLs built from SITE_URL, never
from the request's Host header, and never change: other servers store them."""

from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse

from web.open_web import absolute_url


def domain() -> str:
    """The host (with a port, if SITE_URL has one) in `acct:alice@domain`."""
    return urlsplit(settings.SITE_URL).netloc


def actor_id(username: str) -> str:
    return absolute_url(reverse("profile", args=[username]))


def key_id(username: str | None) -> str:
    return (actor_id(username) if username else instance_actor_id()) + "#main-key"


def instance_actor_id() -> str:
    return absolute_url(reverse("federation:instance_actor"))


def inbox(username: str) -> str:
    return absolute_url(reverse("federation:inbox", args=[username]))


def shared_inbox() -> str:
    return absolute_url(reverse("federation:shared_inbox"))


def outbox(username: str) -> str:
    return absolute_url(reverse("federation:outbox", args=[username]))


def followers(username: str) -> str:
    return absolute_url(reverse("federation:followers", args=[username]))


def following(username: str) -> str:
    return absolute_url(reverse("federation:following", args=[username]))


def photo_id(photo_id: int) -> str:
    return absolute_url(reverse("photo", args=[photo_id]))


def username_from_actor_id(uri: str) -> str | None:
    """`name` from our actor id `https://our-domain/u/name/`, else None."""
    prefix = absolute_url("/u/")
    name = uri[len(prefix) :].rstrip("/") if uri.startswith(prefix) else ""
    return name if name and "/" not in name else None
