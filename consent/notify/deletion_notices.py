"""Email to licensees and staff about deletion notices. Sent after commit, one message per
recipient, like moderation/services/notify.py. A licensee is an organisation, not a
member with a saved language, and staff are several people: both read the instance's
language (CANDID_LANGUAGE), whoever's action sent the message."""

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation

from core.mail import mail_after_commit

ACK_SALT = "consent.deletion-notice.ack"


def send_after_commit(*, to: list[str], template: str, context: dict) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        mail_after_commit(to=to, template=f"consent/email/{template}", context=context)


def ack_token(notice_id: int) -> str:
    """A capability for the acknowledgement page, mailed only to the licensee's contact."""
    return signing.dumps(notice_id, salt=ACK_SALT)


def notice_from_ack_token(token: str) -> int | None:
    try:
        return int(signing.loads(token, salt=ACK_SALT))
    except (signing.BadSignature, TypeError, ValueError):
        return None


def ack_url(notice_id: int) -> str:
    return settings.SITE_URL + reverse("deletion_notice_ack", args=[ack_token(notice_id)])
