"""Capability links for people on other servers: a link that itself grants one thing to
one remote account (see its dataset report, federation/dataset_requests.py), sent to that
account as a private note, so only who can read that account's messages can use it. No
Candid account, no password, no stored secret: the token is the remote account's id and
the purpose, signed with the site's secret key (django.core.signing) and valid for
MAX_AGE. Helpers that need another purpose pass their own `purpose`."""

from datetime import timedelta

from django.core import signing

MAX_AGE = timedelta(days=7)


def capability_token(*, purpose: str, subject: str) -> str:
    return signing.dumps({"s": subject}, salt=f"candid.capability.{purpose}", compress=True)


def capability_subject(*, purpose: str, token: str, max_age: timedelta = MAX_AGE) -> str | None:
    """The subject the token was made for, or None when it is forged, for another purpose
    or older than `max_age`."""
    try:
        data = signing.loads(token, salt=f"candid.capability.{purpose}", max_age=max_age)
    except signing.BadSignature:
        return None
    return data.get("s") if isinstance(data, dict) else None
