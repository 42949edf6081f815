"""Reports from other servers: an ActivityPub `Flag` becomes a notice through the same
intake as the report form (moderation.services.notices.notice_submit, DSA Art. 16), in its
own channel, "another server's report", so it gets a deadline, a case, a decision and a
statement like every other notice, and is counted in the NetzDG and DSA reports.

What peers send differs: Mastodon sends one Flag per report from its instance actor (an
`Application`), `object` a list with the account first, then the posts; Mbin puts the
post first; `object` may be a single string, `content` empty or absent. So the order of
`object` decides nothing. As Pixelfed does, a Flag is accepted only when its `id` is on
its actor's server.

A server whose reports are repeatedly manifestly unfounded is warned, then the processing
of its reports is suspended for a period (DSA Art. 23, moderation/services/misuse.py
`misuse_review_server`): its Flags are then kept, with that outcome, and not made notices.

Receipt is not confirmed to the sender: ActivityPub has no standard answer to a Flag (an
`Accept` of it is understood by no major server), so none is sent; the notice records
`receipt_confirmed: false` in its intake event and the inbox message says so."""

from datetime import timedelta
from html import unescape
from urllib.parse import urlsplit

from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from core.errors import ServiceError
from federation.models import InboxMessage
from federation.parsing import as_id, as_list
from moderation.models import Notice
from moderation.models.targets import Ground, TargetType
from moderation.services.misuse import server_standing
from moderation.services.notices import notice_submit
from moderation.services.targets import Target, target_for_notifier

# Flags from one server within RATE_WINDOW beyond RATE_LIMIT are kept, not made notices:
# a flood from one server must not bury the queue (the other servers' reports, members').
RATE_LIMIT = 30
RATE_WINDOW = timedelta(hours=1)
NOT_CONFIRMED = "receipt not confirmed: ActivityPub has no standard answer to a Flag"


def flag_received(message: InboxMessage) -> str:
    """The outcome, as kept on the inbox message: the notices filed, or why none."""
    flag = message.activity
    server = _host(message.actor_uri)
    if not server or _host(as_id(flag) or "") != server:
        return "refused: the Flag's id is not on its actor's server"
    if _repeated(message):
        return "already received: a Flag with this id was processed before"
    if _over_limit(message, server):
        return f"kept, not acted on: more than {RATE_LIMIT} reports from {server} in an hour"
    suspended_until = server_standing(server).suspended_until
    if suspended_until is not None:
        return (
            f"kept, not acted on: reports from {server} are suspended until "
            f"{suspended_until:%Y-%m-%d} (DSA Art. 23)"
        )
    targets = _targets(flag)
    if not targets:
        return "not acted on: the Flag names nothing on this server"
    explanation = _explanation(flag, server)
    references, errors = [], []
    for target in targets:
        try:
            notice = notice_submit(
                target=target,
                ground=Ground.RULES,
                explanation=explanation,
                channel=Notice.Channel.FEDERATION,
                notifier_name=message.actor_uri[:120],
                now=message.received_at,
            )
        except ServiceError as error:
            errors.append(str(error))
            continue
        references.append(notice.reference)
    if not references:
        return f"not acted on: {'; '.join(errors)}"
    return f"notice {', '.join(references)} filed; {NOT_CONFIRMED}"


def _host(uri: str) -> str:
    try:
        return urlsplit(uri).netloc.lower()
    except ValueError:
        return ""


def _repeated(message: InboxMessage) -> bool:
    """The same Flag delivered twice (a retry) is one report."""
    earlier = InboxMessage.objects.filter(
        activity_type="Flag",
        activity__id=as_id(message.activity),
        state=InboxMessage.State.PROCESSED,
    )
    return earlier.exclude(pk=message.pk).exists()


def _over_limit(message: InboxMessage, server: str) -> bool:
    """Counts the server's Flags received in the window before this one: refused and
    repeated ones too, since each of them is a request the server made."""
    scheme = urlsplit(message.actor_uri).scheme
    recent = InboxMessage.objects.filter(
        activity_type="Flag",
        actor_uri__istartswith=f"{scheme}://{server}/",
        received_at__gte=message.received_at - RATE_WINDOW,
        pk__lt=message.pk,
    )
    return recent.count() >= RATE_LIMIT


def _targets(flag: dict) -> list[Target]:
    """The photos here a Flag names; the accounts here only when it names no photo (a
    Flag about posts names their author too, and the report is about the posts)."""
    found: dict[tuple[str, int], Target] = {}
    for uri in as_list(flag.get("object")):
        target = _named(as_id(uri) or "")
        if target is not None:
            found.setdefault((target.type, target.id), target)
    photos = [t for t in found.values() if t.type != TargetType.PROFILE]
    return photos or list(found.values())


def _named(uri: str) -> Target | None:
    """A photo or profile here that anyone may see; what the public cannot see is
    answered as if it did not exist, as the report form does."""
    try:
        target = target_for_notifier(None, url=uri)
    except ServiceError:
        return None
    return target if target.type in (TargetType.PHOTO, TargetType.PROFILE) else None


def _explanation(flag: dict, server: str) -> str:
    comment = unescape(strip_tags(str(flag.get("content") or ""))).strip()[:4500]
    if not comment:
        return _("Report from %(server)s, sent without a comment.") % {"server": server}
    return _("Report from %(server)s: %(comment)s") % {"server": server, "comment": comment}
