from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class LocalActor(models.Model):
    """An actor Candid speaks for on other servers: a member, or the instance itself
    (`user` empty), with its signing key pair and the member's choice to be findable."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="local_actor",
    )
    findable = models.BooleanField(
        _("findable from other servers"),
        default=True,
        help_text=_("Other servers can find, follow and show this profile and its public photos."),
    )
    # The member's choice to load images of posts from other servers straight from those
    # servers (which then see their IP address) instead of through Candid's media proxy.
    images_direct = models.BooleanField(
        _("load images from other servers directly"),
        default=False,
    )
    is_instance = models.BooleanField(default=False)
    # The digest of the actor document last sent in an `Update` (federation/actor_updates.py):
    # a change that leaves the document as it was sends nothing.
    sent_digest = models.CharField(max_length=64, blank=True)
    public_key_pem = models.TextField()
    private_key_pem = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["is_instance"], condition=Q(is_instance=True), name="one_instance_actor"
            ),
            models.CheckConstraint(
                condition=Q(is_instance=True, user__isnull=True)
                | Q(is_instance=False, user__isnull=False),
                name="instance_actor_has_no_member",
            ),
        ]
        verbose_name = _("local actor")
        verbose_name_plural = _("local actors")


class NodeStats(models.Model):
    """NodeInfo's usage figures, counted by the worker's upkeep (never by a request: a
    count over every member and photo grows with the community). One row."""

    users_total = models.PositiveIntegerField(default=0)
    active_month = models.PositiveIntegerField(default=0)
    active_halfyear = models.PositiveIntegerField(default=0)
    local_posts = models.PositiveIntegerField(default=0)
    counted_at = models.DateTimeField(null=True, blank=True)


class RemoteActor(models.Model):
    """A person or server elsewhere that Candid has talked to: its document as last
    fetched, its inboxes and its public key (refreshed when a signature stops verifying)."""

    uri = models.URLField(max_length=500, unique=True)
    domain = models.CharField(max_length=255, db_index=True)
    username = models.CharField(max_length=200, blank=True)
    display_name = models.CharField(max_length=200, blank=True)
    kind = models.CharField(max_length=32, default="Person")
    inbox = models.URLField(max_length=500)
    shared_inbox = models.URLField(max_length=500, blank=True)
    key_id = models.URLField(max_length=500, blank=True, db_index=True)
    public_key_pem = models.TextField(blank=True)
    document = models.JSONField(default=dict)
    fetched_at = models.DateTimeField(db_index=True)
    # When a refresh of a stale document was last queued (federation/freshness.py): one
    # task per actor within the stale window, however often it is shown meanwhile.
    refresh_queued_at = models.DateTimeField(null=True, blank=True)
    # Moderation's measures on the account here (moderation/services/enforcement.py): muted,
    # its replies are no longer shown under photos; suspended or terminated, nothing it
    # sends is accepted and nothing of it is shown.
    muted_at = models.DateTimeField(null=True, blank=True)
    suspended_until = models.DateTimeField(null=True, blank=True)
    terminated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("remote actor")
        verbose_name_plural = _("remote actors")

    def __str__(self) -> str:
        return f"{self.username}@{self.domain}"

    @property
    def address(self) -> str:
        """How people write it: `@name@server`."""
        return f"@{self.username}@{self.domain}"


class RowidAutoField(models.BigAutoField):
    """An id SQLite assigns as one more than the largest (its rowid) rather than with
    AUTOINCREMENT, whose counter table every INSERT writes too (bench/federation.py). The
    difference: once every row is deleted, ids start again at 1."""

    def db_type_suffix(self, connection):
        return None if connection.vendor == "sqlite" else super().db_type_suffix(connection)


class InboxMessage(models.Model):
    """An activity another server delivered, stored as received (after its signature was
    verified) and processed afterwards by the worker: a slow peer or a burst never holds a
    request, and a crash loses nothing."""

    class State(models.TextChoices):
        RECEIVED = "received", _("Received")
        PROCESSED = "processed", _("Processed")
        IGNORED = "ignored", _("Ignored")
        FAILED = "failed", _("Failed")

    id = RowidAutoField(primary_key=True)
    # Not indexed: every intake would write one more page (bench/federation.py). Ids follow
    # arrival, so the upkeep finds the old ones by id (upkeep.inbox_prune).
    received_at = models.DateTimeField(auto_now_add=True)
    actor_uri = models.URLField(max_length=500)
    key_id = models.URLField(max_length=500)
    activity_type = models.CharField(max_length=32)
    activity = models.JSONField()
    state = models.CharField(max_length=12, choices=State.choices, default=State.RECEIVED)
    attempts = models.PositiveSmallIntegerField(default=0)
    processed_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = _("inbox message")
        verbose_name_plural = _("inbox messages")
        indexes = [
            # The queue the drain reads (processing.inbox_drain): the messages not yet
            # processed, however many processed ones are kept beside them.
            models.Index(fields=["id"], condition=Q(state="received"), name="inbox_received"),
            # The Flags, for flags.py's checks (a repeat, the rate per server): only a
            # Flag writes to it.
            models.Index(
                fields=["received_at"], condition=Q(activity_type="Flag"), name="inbox_flags"
            ),
        ]


class InboxJournal(models.Model):
    """How far one web process's journal file has been moved into InboxMessage, written in
    the same transaction as the rows moved (inbox_journal.py): after a crash, the file is
    moved on from here, so no activity is stored twice or lost."""

    name = models.CharField(max_length=200, primary_key=True)
    moved = models.BigIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("inbox journal")
        verbose_name_plural = _("inbox journals")


class RemoteFollow(models.Model):
    """A remote actor following a member here. Pixelfed's Follow has no id, so the
    follow is known by who follows whom; the activity is kept to answer it."""

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        ACCEPTED = "accepted", _("Accepted")

    follower = models.ForeignKey(RemoteActor, on_delete=models.CASCADE, related_name="follows")
    followee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="remote_followers"
    )
    state = models.CharField(max_length=12, choices=State.choices, default=State.PENDING)
    activity = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["follower", "followee"], name="remote_follow_once")
        ]


class Delivery(models.Model):
    """One activity to one inbox (a server's shared inbox where it has one), sent by the
    worker and tried again with growing waits for days (federation/delivery.py)."""

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Failed")

    sender = models.ForeignKey(LocalActor, on_delete=models.CASCADE, related_name="deliveries")
    inbox = models.URLField(max_length=500)
    domain = models.CharField(max_length=255)
    activity = models.JSONField()
    state = models.CharField(max_length=12, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    last_error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    # The moderation case whose decision this activity carries to other servers (a Delete
    # after a removal, a Create after a won appeal): the case page lists these rows, and
    # they are kept as the case's record rather than pruned (upkeep.py).
    case_id = models.BigIntegerField(null=True, blank=True, db_index=True)

    class Meta:
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="delivery_due")]


class DomainHealth(models.Model):
    """Circuit breaking per destination: after repeated failures a server gets no tries
    until `open_until`, so a dead server does not tie up the worker."""

    domain = models.CharField(max_length=255, unique=True)
    failures_in_row = models.PositiveIntegerField(default=0)
    open_until = models.DateTimeField(null=True, blank=True)


class FederatedPhoto(models.Model):
    """A photo Candid has sent to other servers, so that when it may no longer federate
    (made private, removed by a decision, withheld, erased, deleted) a `Delete` follows it.
    Kept by id, not by foreign key: the row must outlive the photo it retracts."""

    photo_id = models.BigIntegerField(unique=True)
    owner_id = models.BigIntegerField(db_index=True)
    published_at = models.DateTimeField()
    retracted_at = models.DateTimeField(null=True, blank=True)
    # Every inbox the photo was sent to: a Delete or Update reaches each server that holds
    # a copy, also one whose follower has left since.
    inboxes = models.JSONField(default=list)


class EventsFollowed(models.Model):
    """How far federation has read the event log (one row), the way transparency folds it."""

    upto = models.PositiveBigIntegerField(default=0)


class OutgoingFollow(models.Model):
    """A member here following an account on another server: pending until that server
    answers Accept (Reject, or an Undo from here, deletes it)."""

    class State(models.TextChoices):
        PENDING = "pending", _("Requested")
        ACCEPTED = "accepted", _("Following")

    follower = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="remote_following"
    )
    followee = models.ForeignKey(RemoteActor, on_delete=models.CASCADE, related_name="followed_by")
    state = models.CharField(max_length=12, choices=State.choices, default=State.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["follower", "followee"], name="outgoing_follow_once")
        ]


class RemotePost(models.Model):
    """A public post with images by an account members here follow, as its server sent it:
    shown in followers' feeds with its origin, linking to the original. Text is kept as
    plain text (tags stripped); images are linked, never re-encoded into Candid's own."""

    uri = models.URLField(max_length=500, unique=True)
    author = models.ForeignKey(RemoteActor, on_delete=models.CASCADE, related_name="posts")
    # The followed account whose Announce brought the post here, if any.
    shared_by = models.ForeignKey(
        RemoteActor, on_delete=models.SET_NULL, null=True, blank=True, related_name="shares"
    )
    url = models.URLField(max_length=500, blank=True)
    text = models.TextField(blank=True)
    summary = models.CharField(max_length=500, blank=True)
    sensitive = models.BooleanField(default=False)
    attachments = models.JSONField(default=list)
    published = models.DateTimeField(db_index=True)
    received_at = models.DateTimeField(auto_now_add=True)
    # Hidden here by a moderation decision (reverted on appeal).
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["author", "published", "id"], name="remote_post_author")]


class RemoteLike(models.Model):
    """A like of a photo here by an account on another server."""

    actor = models.ForeignKey(RemoteActor, on_delete=models.CASCADE, related_name="likes")
    photo = models.ForeignKey("photos.Photo", on_delete=models.CASCADE, related_name="remote_likes")
    uri = models.URLField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["actor", "photo"], name="remote_like_once")]


class RemoteReply(models.Model):
    """A reply from another server to a photo here, shown with the photo's comments with
    its origin. Text is kept as plain text."""

    uri = models.URLField(max_length=500, unique=True)
    author = models.ForeignKey(RemoteActor, on_delete=models.CASCADE, related_name="replies")
    photo = models.ForeignKey(
        "photos.Photo", on_delete=models.CASCADE, related_name="remote_replies"
    )
    text = models.TextField(max_length=5000)
    url = models.URLField(max_length=500, blank=True)
    published = models.DateTimeField()
    removed_at = models.DateTimeField(null=True, blank=True)
    # Hidden by the photo's owner (federation/reply_removal.py); an Update from its server
    # leaves it hidden, as reply_received does not touch this field.
    removed_by_owner_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["photo", "published", "id"], name="remote_reply_photo")]


class DomainBlock(models.Model):
    """The instance's measure in force on another server (one row per server; lifting it
    deletes the row). `limit`: its accounts need approval to follow here and are not shown
    in public lists; `block`: nothing is accepted from it or sent to it, and follows with it
    end; `reject_media`: its images are not fetched or shown. `reject_media` as a flag adds
    that to a limit (Mastodon's "silence" with "reject media"). Every change is a
    `DomainDecision` (federation/domain_measures.py)."""

    class Kind(models.TextChoices):
        LIMIT = "limit", _("Limit")
        BLOCK = "block", _("Block")
        REJECT_MEDIA = "reject_media", _("Reject media")

    domain = models.CharField(max_length=255, unique=True)
    kind = models.CharField(max_length=16, choices=Kind.choices)
    reject_media = models.BooleanField(default=False)
    reject_reports = models.BooleanField(default=False)
    obfuscate = models.BooleanField(default=False)
    public_reason = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(default=timezone.now)  # the latest decision's date

    class Meta:
        ordering = ["domain"]


class DomainDecision(models.Model):
    """One logged, reasoned decision on another server: a measure imposed or changed, or
    lifted (`action` "lift"). Never changed after; the public page shows the measures in
    force, the moderation area this history."""

    LIFT = "lift"

    class Source(models.TextChoices):
        WEB = "web", _("Moderation page")
        COMMAND = "command", _("Command line")
        IMPORT = "import", _("Imported list")

    domain = models.CharField(max_length=255)
    action = models.CharField(max_length=16)  # a DomainBlock.Kind, or LIFT
    reject_media = models.BooleanField(default=False)
    reject_reports = models.BooleanField(default=False)
    obfuscate = models.BooleanField(default=False)
    public_reason = models.TextField()
    private_note = models.TextField(blank=True)
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    source = models.CharField(max_length=16, choices=Source.choices)
    follows_ended = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["domain", "-created_at"], name="domain_decision_domain")]


class OutgoingLike(models.Model):
    """A member here liking a post from another server (sent as `Like`; taking it back
    sends `Undo`), so the feed shows the post as liked."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="remote_post_likes"
    )
    post = models.ForeignKey(RemotePost, on_delete=models.CASCADE, related_name="liked_by")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "post"], name="outgoing_like_once")]


class CachedMedia(models.Model):
    """A remote image fetched once through Candid's media proxy (federation/media_proxy.py)
    and kept in bounded storage: members' browsers get it from here, never from the other
    server. The least recently used go first when the cache is full."""

    url = models.URLField(max_length=500, unique=True)
    domain = models.CharField(max_length=255)
    path = models.CharField(max_length=100)
    content_type = models.CharField(max_length=32)
    size = models.PositiveIntegerField()
    noindex = models.BooleanField(default=False)
    fetched_at = models.DateTimeField(auto_now_add=True)
    used_at = models.DateTimeField(db_index=True)


class MemberRemoteBlock(models.Model):
    """A member's block of an account on another server (their own choice, unlike
    moderation's `RemoteActor.muted_at`): follows both ways end, a new Follow from it to the
    member is rejected, its posts leave the member's feed, and its replies and likes on the
    member's photos are neither shown nor taken in (federation/member_blocks.py)."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="remote_blocks"
    )
    actor = models.ForeignKey(RemoteActor, on_delete=models.CASCADE, related_name="blocked_by")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["member", "actor"], name="member_remote_block_once")
        ]
        verbose_name = _("blocked account elsewhere")
        verbose_name_plural = _("blocked accounts elsewhere")


class MemberRemoteMute(models.Model):
    """A member's mute of an account on another server: its posts leave the member's feed
    and its replies are not shown to them. Nothing else changes; it is not told."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="remote_mutes"
    )
    actor = models.ForeignKey(RemoteActor, on_delete=models.CASCADE, related_name="muted_by")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["member", "actor"], name="member_remote_mute_once")
        ]
        verbose_name = _("muted account elsewhere")
        verbose_name_plural = _("muted accounts elsewhere")
