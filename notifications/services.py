"""Writes for notifications. Other apps notify through these functions, inside their own
transaction: a rolled-back follow, favourite or comment notifies no one. Creating a
notification logs no event of its own (the follow, favourite or comment that caused it is
logged by its service); a member's change of their e-mail choices is logged.

Nobody is notified of what they did themselves, about a photo they cannot see, or of
what someone they blocked or muted (or who blocked them) did: see `_silenced`."""

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.errors import ServiceError
from core.events import event_record
from notifications.badge import badge_changed
from notifications.kinds import CHOOSABLE, Email, Kind
from notifications.mailing import mail_now
from notifications.mentions import mentioned_users
from notifications.models import EmailPreference, Notification
from notifications.selectors import email_choice, email_choices
from notifications.unsubscribe import DIGEST, unsubscribe_read
from photos.models import Photo
from photos.selectors import photos_visible_to
from social.audience_selectors import blocked_between, is_muted
from social.models import Comment

# Earlier commenters told of a new comment (the most recent ones): a long thread must not
# make one comment write hundreds of rows.
MAX_REPLY_RECIPIENTS = 50
# Addresses looked up at once when a moderation message goes to many (new rules: everyone).
COPY_CHUNK = 500


def notify_follow(*, follower: User, followee: User) -> Notification | None:
    return _notify(recipient=followee, kind=Kind.FOLLOW, actor=follower)


def notify_follow_request(*, requester: User, recipient: User) -> Notification | None:
    """For follow approval (issue 17, audiences): call when a request is made."""
    return _notify(recipient=recipient, kind=Kind.FOLLOW_REQUEST, actor=requester)


def notify_remote_follow_request(*, address: str, recipient: User) -> Notification | None:
    """A follow request from an account on another server (follow approval, issue 19):
    its `@name@server` address stands where a member's name would."""
    return _notify(recipient=recipient, kind=Kind.FOLLOW_REQUEST, title=address)


def notify_favourite(*, user: User, photo: Photo) -> Notification | None:
    return _notify(recipient=photo.owner, kind=Kind.FAVOURITE, actor=user, photo=photo)


def notify_comment(*, comment: Comment) -> list[Notification]:
    """The photo's owner hears of the comment; members mentioned in it of the mention;
    earlier commenters that are neither hear of it as a reply."""
    photo, author = comment.photo, comment.author
    audience = [(photo.owner, Kind.COMMENT)]
    heard = {author.pk, photo.owner_id}
    for user in mentioned_users(comment.body):
        if user.pk not in heard:
            heard.add(user.pk)
            audience.append((user, Kind.MENTION))
    audience += [(user, Kind.REPLY) for user in _earlier_commenters(photo, exclude=heard)]
    told = [
        _notify(recipient=user, kind=kind, actor=author, photo=photo, comment=comment)
        for user, kind in audience
    ]
    return [n for n in told if n is not None]


def notify_mentions(*, actor: User, photo: Photo, text: str, before: str = "") -> list:
    """Mentions in a photo's description; on an edit only the names `before` lacked."""
    already = {u.pk for u in mentioned_users(before)}
    told = [
        _notify(recipient=user, kind=Kind.MENTION, actor=actor, photo=photo)
        for user in mentioned_users(text)
        if user.pk not in already
    ]
    return [n for n in told if n is not None]


def notify_mail_copy(*, to: list[str], template: str, context: dict, url: str) -> int:
    """The in-app copy of a message moderation mails (a statement of reasons, the
    confirmation of a notice, an appeal's outcome ...) for each member among `to`. Its
    title is the mail's subject, rendered like the mail in the active language (the
    reader's). The mail itself is sent by moderation, always: a legal notice has no
    preference and no unsubscribe. The same message copied again (a retried task) is
    kept once, as core.mail keeps the mail once."""
    context = {**context, "site_url": settings.SITE_URL}
    title = render_to_string(f"{template}_subject.txt", context).strip()[:300]
    addresses = sorted({a for a in to if a})
    copied = 0
    for start in range(0, len(addresses), COPY_CHUNK):
        copied += _copy_to(addresses[start : start + COPY_CHUNK], title, url)
    return copied


def notify_server_message(*, recipients: list[User], title: str, url: str) -> int:
    """A direct message another server's moderation sent members here (its statement of
    reasons for a measure there, an appeal's outcome): a moderation notice linking to
    that server's page. The same message delivered twice is kept once."""
    already = Notification.objects.filter(kind=Kind.MODERATION, title=title[:300], url=url)
    members = [m for m in recipients if not already.filter(recipient=m).exists()]
    Notification.objects.bulk_create(
        Notification(recipient=m, kind=Kind.MODERATION, title=title[:300], url=url) for m in members
    )
    badge_changed(m.pk for m in members)
    return len(members)


def _copy_to(addresses: list[str], title: str, url: str) -> int:
    members = User.objects.filter(email__in=addresses, is_active=True)
    already = Notification.objects.filter(kind=Kind.MODERATION, title=title, url=url)
    members = list(members.exclude(pk__in=already.values("recipient_id")))
    rows = [Notification(recipient=m, kind=Kind.MODERATION, title=title, url=url) for m in members]
    Notification.objects.bulk_create(rows)
    badge_changed(m.pk for m in members)
    return len(rows)


def notifications_read(*, user: User, up_to: int | None = None, since: int | None = None) -> int:
    """Marks the member's unread notifications read: all, or those with ids in
    [since, up_to]. Returns how many. Not logged: reading is not an act anyone audits."""
    unread = Notification.objects.filter(recipient=user, read_at=None)
    if up_to is not None:
        unread = unread.filter(pk__lte=up_to)
    if since is not None:
        unread = unread.filter(pk__gte=since)
    marked = unread.update(read_at=timezone.now())
    if marked:
        badge_changed([user.pk])
    return marked


def email_preferences_set(*, user: User, choices: dict[str, str], via: str = "settings") -> None:
    """Saves the member's e-mail choice per kind. A kind no longer mailed in the digest
    leaves the digest: what was waiting for it is not sent."""
    for kind, choice in choices.items():
        if kind not in CHOOSABLE or choice not in Email.values:
            raise ServiceError(_("Choose one of the offered e-mail options for each kind."))
    with transaction.atomic():
        for kind, choice in choices.items():
            EmailPreference.objects.update_or_create(
                user=user, kind=kind, defaults={"email": choice}
            )
        stopped = [kind for kind, choice in choices.items() if choice != Email.DIGEST]
        Notification.objects.filter(
            recipient=user, kind__in=stopped, mail=Notification.Mail.DIGEST, mailed_at=None
        ).update(mail=Notification.Mail.NONE)
        event_record(
            kind="notifications.email_preferences_set",
            actor=user,
            subject=user,
            data={"choices": dict(sorted(choices.items())), "via": via},
        )


def _notify(
    *, recipient: User, kind: str, actor: User | None = None, photo=None, comment=None, title=""
):
    if actor is not None and actor.pk == recipient.pk:
        return None
    if not recipient.is_active or (actor is not None and _silenced(recipient, actor)):
        return None
    if photo is not None and not photos_visible_to(recipient).filter(pk=photo.pk).exists():
        return None
    choice = email_choice(recipient, kind)
    mailed = choice == Email.IMMEDIATE and _has_address(recipient)
    with transaction.atomic():
        notification = Notification.objects.create(
            recipient=recipient,
            kind=kind,
            actor=actor,
            photo=photo,
            comment=comment,
            title=title[:300],
            mail=_mail_state(choice, mailed),
            mailed_at=timezone.now() if mailed else None,
        )
        if mailed:
            mail_now(notification)
        badge_changed([recipient.pk])
    return notification


def _mail_state(choice: str, mailed: bool) -> str:
    if mailed:
        return Notification.Mail.IMMEDIATE
    return Notification.Mail.DIGEST if choice == Email.DIGEST else Notification.Mail.NONE


def _has_address(user: User) -> bool:
    """Only a confirmed address is written to: an unconfirmed one may be someone else's."""
    return bool(user.email) and not user.email_unverified


def _silenced(recipient: User, actor: User) -> bool:
    """Whether a block stands between the two (either way) or the recipient muted the
    actor: then the recipient hears nothing of what the actor does."""
    return blocked_between(recipient, actor) or is_muted(muter=recipient, muted_id=actor.pk)


def _earlier_commenters(photo: Photo, *, exclude: set[int]) -> list[User]:
    authors = (
        Comment.objects.filter(photo=photo, removed_at=None)
        .exclude(author_id__in=exclude)
        .values_list("author_id", flat=True)
        .order_by("-id")
    )
    ids = list(dict.fromkeys(authors[: MAX_REPLY_RECIPIENTS * 4]))[:MAX_REPLY_RECIPIENTS]
    return list(User.objects.filter(pk__in=ids))


def email_unsubscribe(*, token: str) -> tuple[User, list[str]]:
    """One-click unsubscribe (RFC 8058) from the link of a notification mail: turns off the
    kind it was about, or for the digest every kind sent in it. Needs no sign-in: the
    signed token is the member's authority. Returns the member and the kinds turned off."""
    found = unsubscribe_read(token)
    user = User.objects.filter(pk=found[0], is_active=True).first() if found else None
    if user is None or (found[1] != DIGEST and found[1] not in CHOOSABLE):
        raise ServiceError(
            _("This unsubscribe link is not valid. Change your e-mail choices in your settings.")
        )
    if found[1] == DIGEST:
        kinds = [k for k, choice in email_choices(user).items() if choice == Email.DIGEST]
    else:
        kinds = [found[1]]
    if kinds:
        email_preferences_set(user=user, choices=dict.fromkeys(kinds, Email.OFF), via="unsubscribe")
    return user, kinds
