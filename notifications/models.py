from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from notifications.kinds import Email, Kind


class Notification(models.Model):
    """One thing a member hears about. `actor`, `photo` and `comment` name what it is
    about (deleting any of them deletes the notification); a moderation notice has none of
    them but the `title` and `url` of the message moderation mailed."""

    class Mail(models.TextChoices):
        NONE = "none", _("not mailed")
        IMMEDIATE = "immediate", _("mailed at once")
        DIGEST = "digest", _("in the daily digest")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=32, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    photo = models.ForeignKey(
        "photos.Photo", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    comment = models.ForeignKey(
        "social.Comment", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    title = models.CharField(max_length=300, blank=True)
    url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    mail = models.CharField(max_length=16, choices=Mail.choices, default=Mail.NONE)
    mailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["recipient", "-id"], name="notification_list"),
            models.Index(
                fields=["recipient"], condition=Q(read_at=None), name="notification_unread"
            ),
            models.Index(
                fields=["created_at"],
                condition=Q(mail="digest", mailed_at=None),
                name="notification_digest_due",
            ),
        ]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self) -> str:
        return f"{self.kind} for {self.recipient_id}"


class EmailPreference(models.Model):
    """A member's choice for one kind; without a row, kinds.DEFAULT_EMAIL holds."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=32, choices=Kind.choices)
    email = models.CharField(max_length=16, choices=Email.choices)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="email_preference_once")
        ]
        verbose_name = _("e-mail preference")
        verbose_name_plural = _("e-mail preferences")

    def __str__(self) -> str:
        return f"{self.kind}: {self.email}"
