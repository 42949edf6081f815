"""Authorisations a user gave to third-party apps, and the log of what those apps did.

The OAuth 2 rows themselves (applications, grants, tokens) are django-oauth-toolkit's;
`AppAuthorisation` is the user-facing record of "this app may act for me with these
scopes", kept beside them so the settings page can show scopes and last use and so a
revocation is recorded even though the tokens are deleted.
"""

from django.db import models

from accounts.models import User


class AppViewer(User):
    """The authorising user as seen through a third-party app.

    API requests authenticated by an OAuth token act as this proxy of the user, never as
    the user: `app_limit` makes every visibility selector answer public content plus the
    user's own (photos.selectors._app_limit), so an app never gets the user's social reach
    (followers-only photos of people they follow) — the Cambridge Analytica lesson. An app
    never gets moderator powers either: moderation queues hold other people's personal
    data (notifiers' names and e-mail addresses).
    """

    app_limit = "own"

    class Meta:
        proxy = True

    @property
    def is_moderator(self) -> bool:
        return False


class AppAuthorisation(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="app_authorisations")
    application = models.ForeignKey(
        "oauth2_provider.Application",
        on_delete=models.CASCADE,
        related_name="authorisations",
    )
    scopes = models.JSONField(default=list)
    granted_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "application"], name="one_authorisation_per_app"
            )
        ]
        ordering = ["-granted_at"]

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class AccessLogEntry(models.Model):
    """One API request an app made for a user: what it read or changed, and the answer."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="app_access_log")
    application = models.ForeignKey(
        "oauth2_provider.Application",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    app_name = models.CharField(max_length=255)
    at = models.DateTimeField()
    method = models.CharField(max_length=8)
    operation = models.CharField(max_length=80)
    path = models.CharField(max_length=300)
    object_type = models.CharField(max_length=40, blank=True)
    object_id = models.CharField(max_length=150, blank=True)
    status = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["user", "application", "-at"]),
            models.Index(fields=["at"]),
        ]

    @property
    def changed(self) -> bool:
        return self.method not in ("GET", "HEAD", "OPTIONS")
