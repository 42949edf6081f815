"""One-click unsubscribe (RFC 8058): every notification mail carries a link that turns
off the mail it came with, without signing in. The link holds a signed token (member and
kind, or "digest" for the daily digest), not a secret kept in the database: it stays
valid until the member's choice changes it, and nothing else can be forged from it.
The token is signed without a time stamp, so the same mail rendered twice is the same
mail (core/mail.py keys a message by its text).

Legal notices from moderation are never sent through here and carry no such link."""

import re

from django.conf import settings
from django.core import signing
from django.urls import reverse

from core.models import OutgoingMail

SALT = "notifications.unsubscribe"
DIGEST = "digest"
PURPOSE_PREFIX = "notifications/"
_TOKEN_IN_BODY = re.compile(r"/notifications/unsubscribe/([A-Za-z0-9_:\-]+)/")


def unsubscribe_token(*, user_id: int, scope: str) -> str:
    return signing.Signer(salt=SALT).sign_object({"u": user_id, "k": scope}, compress=False)


def unsubscribe_read(token: str) -> tuple[int, str] | None:
    """(user id, kind or DIGEST) of a genuine token, else None."""
    try:
        value = signing.Signer(salt=SALT).unsign_object(token)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(value, dict) or not isinstance(value.get("u"), int):
        return None
    return value["u"], str(value.get("k", ""))


def unsubscribe_url(*, user_id: int, scope: str) -> str:
    token = unsubscribe_token(user_id=user_id, scope=scope)
    return settings.SITE_URL + reverse("notification_unsubscribe", args=[token])


def unsubscribe_headers(mail: OutgoingMail) -> dict[str, str]:
    """RFC 2369 List-Unsubscribe with the RFC 8058 one-click POST, for notification mail
    (registered with core.mail): the link is the one in the message's own text."""
    if not mail.purpose.startswith(PURPOSE_PREFIX):
        return {}
    found = _TOKEN_IN_BODY.search(mail.body)
    if found is None:
        return {}
    url = settings.SITE_URL + reverse("notification_unsubscribe", args=[found.group(1)])
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
