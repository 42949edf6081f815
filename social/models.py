from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

COMMENT_MAX_LENGTH = 2000


class Follow(models.Model):
    follower = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="following"
    )
    followee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="followers"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["follower", "followee"], name="follow_once"),
            models.CheckConstraint(
                condition=~models.Q(follower=models.F("followee")), name="no_self_follow"
            ),
        ]
        verbose_name = _("follow")
        verbose_name_plural = _("follows")


class Favourite(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="favourites"
    )
    photo = models.ForeignKey("photos.Photo", on_delete=models.CASCADE, related_name="favourites")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "photo"], name="favourite_once")]
        verbose_name = _("favourite")
        verbose_name_plural = _("favourites")


class Comment(models.Model):
    photo = models.ForeignKey("photos.Photo", on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="comments"
    )
    body = models.TextField(_("comment"), max_length=COMMENT_MAX_LENGTH)
    removed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")


class FollowApproval(models.TextChoices):
    """Whether a follow needs the member's approval. AUTOMATIC: once the member has any
    followers-only photo or album (the default: "followers only" then means who they let
    in, not whoever clicks Follow)."""

    AUTOMATIC = "automatic", _("Automatic: when I have followers-only photos")
    ALWAYS = "always", _("Always: I approve every follower")
    NEVER = "never", _("Never: anyone may follow me")


class AudienceSetting(models.Model):
    """A member's choice of follow approval; no row means AUTOMATIC."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="audience_setting",
    )
    follow_approval = models.CharField(
        _("follow approval"),
        max_length=12,
        choices=FollowApproval.choices,
        default=FollowApproval.AUTOMATIC,
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("audience setting")
        verbose_name_plural = _("audience settings")


class FollowRequest(models.Model):
    """A follow waiting for the followee's approval (social/states.py, FOLLOW_REQUEST).
    Until accepted the requester is no follower and sees nothing that is not public."""

    follower = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follow_requests_sent"
    )
    followee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follow_requests"
    )
    state = models.CharField(max_length=12, default="pending")
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["follower", "followee"],
                condition=models.Q(state="pending"),
                name="follow_request_pending_once",
            ),
            models.CheckConstraint(
                condition=~models.Q(follower=models.F("followee")), name="no_self_follow_request"
            ),
        ]
        indexes = [models.Index(fields=["followee", "state", "-created_at", "-id"])]
        verbose_name = _("follow request")
        verbose_name_plural = _("follow requests")


class Block(models.Model):
    """`blocker` blocked `blocked`: no follow either way, no comments or favourites by the
    blocked member, and neither sees the other's photos while signed in."""

    blocker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blocks_made"
    )
    blocked = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blocks_received"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["blocker", "blocked"], name="block_once"),
            models.CheckConstraint(
                condition=~models.Q(blocker=models.F("blocked")), name="no_self_block"
            ),
        ]
        verbose_name = _("block")
        verbose_name_plural = _("blocks")


class Mute(models.Model):
    """`muter` muted `muted`: the muted member's photos leave the muter's feed (and, for
    the notifications app, their notifications). Nothing else changes; they are not told."""

    muter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mutes_made"
    )
    muted = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mutes_received"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["muter", "muted"], name="mute_once"),
            models.CheckConstraint(
                condition=~models.Q(muter=models.F("muted")), name="no_self_mute"
            ),
        ]
        verbose_name = _("mute")
        verbose_name_plural = _("mutes")
