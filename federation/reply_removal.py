"""A photo's owner removes a reply from another server to their photo (issue #19: incoming
replies "become comments, subject to the same moderation"), as they may delete any local
comment on it (social/services.py `comment_delete`).

The reply is hidden, not deleted: its server may send an `Update` of it later, and
`reply_received` updates the row by its URI without touching `removed_by_owner_at`, so the
reply stays hidden instead of coming back as new. Its author is not told: ActivityPub has
no activity for this."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.errors import PermissionDenied
from core.events import event_record
from federation.models import RemoteReply


def remote_reply_remove(*, actor: User, reply: RemoteReply) -> bool:
    """Hides the reply on its photo (True); removing it again changes nothing (False).
    Only the owner of the reply's photo may. The event moves the photo page's cached
    parts (web/photo_parts.py), as a received reply's does."""
    if actor.pk != reply.photo.owner_id:
        raise PermissionDenied(_("Only the photo’s owner can remove a reply from another server."))
    with transaction.atomic():
        hidden = RemoteReply.objects.filter(pk=reply.pk, removed_by_owner_at__isnull=True)
        if not hidden.update(removed_by_owner_at=timezone.now()):
            return False
        event_record(
            kind="federation.reply_removed_by_owner",
            actor=actor,
            subject=reply,
            data={"photo_id": reply.photo_id, "domain": reply.author.domain},
        )
    reply.refresh_from_db(fields=["removed_by_owner_at"])
    return True
