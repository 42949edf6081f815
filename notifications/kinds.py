"""What a notification can be about, and how each kind is mailed unless the member chooses
otherwise."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    FOLLOW = "follow", _("New followers")
    FOLLOW_REQUEST = "follow_request", _("Follow requests")
    FAVOURITE = "favourite", _("Favourites of your photos")
    COMMENT = "comment", _("Comments on your photos")
    REPLY = "reply", _("Comments on photos you commented on")
    MENTION = "mention", _("Mentions of you")
    MODERATION = "moderation", _("Moderation and legal notices")


class Email(models.TextChoices):
    OFF = "off", _("No e-mail")
    IMMEDIATE = "immediate", _("E-mail at once")
    DIGEST = "digest", _("Daily digest")


# What a member gets until they choose: what someone did to them at once, the frequent
# and less urgent kinds once a day.
DEFAULT_EMAIL: dict[str, str] = {
    Kind.FOLLOW: Email.IMMEDIATE,
    Kind.FOLLOW_REQUEST: Email.IMMEDIATE,
    Kind.FAVOURITE: Email.DIGEST,
    Kind.COMMENT: Email.IMMEDIATE,
    Kind.REPLY: Email.DIGEST,
    Kind.MENTION: Email.IMMEDIATE,
}

# Moderation mail (statements of reasons, confirmations of notices, appeal outcomes) is
# sent by moderation itself, always: the law requires it (DSA Art. 16(4), 16(5), 17, 20),
# so it has no preference and no unsubscribe link. The in-app copy is extra.
CHOOSABLE: tuple[str, ...] = tuple(DEFAULT_EMAIL)
