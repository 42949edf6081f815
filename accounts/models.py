from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.usernames import SKELETON_LENGTH, username_skeleton


class Plan(models.TextChoices):
    FREE = "free", _("Free")
    PAID = "paid", _("Paid")


class User(AbstractUser):
    class Role(models.TextChoices):
        MEMBER = "member", _("Member")
        MODERATOR = "moderator", _("Moderator")
        ADMIN = "admin", _("Admin")

    email = models.EmailField(blank=True)
    display_name = models.CharField(max_length=80, blank=True)
    bio = models.TextField(max_length=2000, blank=True)
    avatar = models.CharField(max_length=255, blank=True, help_text="Storage path of the avatar")
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.MEMBER)
    # Set only by moderation decisions; a restricted user may still sign in to read their
    # statements of reasons, appeal and export their data.
    suspended_until = models.DateTimeField(null=True, blank=True)
    terminated_at = models.DateTimeField(null=True, blank=True)
    # Set by an admin (billing is outside Candid). Plans differ only in the photo quota:
    # see accounts/plans.py.
    plan = models.CharField(max_length=8, choices=Plan.choices, default=Plan.FREE)
    # The UTS #39 skeleton of the username (accounts.usernames), kept by save(): sign-up
    # refuses a name whose skeleton is taken.
    username_skeleton = models.CharField(
        max_length=SKELETON_LENGTH, blank=True, default="", db_index=True, editable=False
    )
    # Empty means "no preference": the browser's Accept-Language, then CANDID_LANGUAGE
    # (accounts.preferences). Mail and statements of reasons use the saved language.
    language = models.CharField(max_length=8, blank=True, default="")
    time_zone = models.CharField(max_length=64, blank=True, default="")
    # The member's request to search engines (robots meta, X-Robots-Tag, left out of the
    # sitemap): a request honest crawlers follow, not access control (visibility is).
    search_noindex = models.BooleanField(default=False)
    # Set for a member who signed themselves up, until they follow the link mailed to
    # them (accounts/verification.py); accounts an operator made are not asked.
    email_unverified = models.BooleanField(default=False)
    email_verified_at = models.DateTimeField(null=True, blank=True)
    # An address asked for in the settings and not yet confirmed: `email` changes only when
    # the link mailed to this one is followed (accounts/email_change.py).
    email_pending = models.EmailField(blank=True, default="")
    # What a new upload starts with, web form and API alike (accounts/upload_defaults.py).
    default_licence = models.CharField(max_length=16, default="arr")
    default_visibility = models.CharField(max_length=16, default="public")
    default_show_location = models.BooleanField(default=False)

    def save(self, *args, **kwargs):
        self.username_skeleton = username_skeleton(self.username)
        fields = kwargs.get("update_fields")
        if fields is not None and "username" in fields:
            kwargs["update_fields"] = {*fields, "username_skeleton"}
        super().save(*args, **kwargs)

    @property
    def has_staff_role(self) -> bool:
        return self.role in (self.Role.MODERATOR, self.Role.ADMIN)

    @property
    def is_moderator(self) -> bool:
        """Staff powers: a moderator or admin role and, inside a request, a session (or API
        token) confirmed with the second factor. django-otp's middleware gives request.user
        `is_verified()`, api.auth gives token users one; a user loaded by code (tasks,
        commands) has none and keeps the role's powers."""
        verified = getattr(self, "is_verified", None)
        return self.has_staff_role and (verified is None or verified())

    @property
    def is_restricted(self) -> bool:
        from django.utils import timezone

        return self.terminated_at is not None or (
            self.suspended_until is not None and self.suspended_until > timezone.now()
        )

    @property
    def name(self) -> str:
        return self.display_name or self.username


class TermsAcknowledgement(models.Model):
    """A member ticked "I have read the terms and the privacy notice" for this version
    (accounts/terms.py), at this time."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="terms_acknowledgements")
    version = models.CharField(max_length=32)
    acknowledged_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-acknowledged_at", "-id"]


class ApiToken(models.Model):
    """A personal access token. Only its SHA-256 is stored; the secret is shown once."""

    class Scope(models.TextChoices):
        READ = "read", _("Read")
        WRITE = "write", _("Write")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=80)
    prefix = models.CharField(max_length=12)
    token_hash = models.CharField(max_length=64, unique=True)
    scopes = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    # Created in a session confirmed with the second factor: only such tokens reach staff
    # endpoints (accounts/second_factor.py).
    second_factor = models.BooleanField(default=False)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class PlanPolicy(models.Model):
    """Operator policy for a plan, editable at run time (`manage.py plan_quota`)."""

    plan = models.CharField(max_length=8, choices=Plan.choices, unique=True)
    photo_quota = models.PositiveIntegerField()
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.plan}: {self.photo_quota} photos"


class SessionRecord(models.Model):
    """What a member sees of one signed-in session on "Your sessions", keyed by the session
    key of whatever session engine is configured. Written by web.middleware_sessions at
    most once a minute; revoking deletes the session itself (accounts/sessions.py)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="session_records")
    session_key = models.CharField(max_length=64, unique=True)
    user_agent = models.CharField(max_length=255, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_seen_at = models.DateTimeField()

    class Meta:
        ordering = ["-last_seen_at"]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.user_agent[:40]} ({self.ip})"
