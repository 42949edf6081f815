"""Passing a report on to the server the reported content comes from (issue 20): at the
notifier's wish, Candid sends that server a `Flag` from its instance actor, naming the
account and the reported object. The notifier's identity goes with it only when they
chose so; the sending is recorded on the notice, where moderators see it on the case."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from core.errors import ServiceError
from core.events import event_record
from federation import addresses
from federation.direct_messages import flag_send
from moderation.models import Notice
from moderation.models.targets import TargetType
from moderation.services.notices import notice_submit
from moderation.services.targets import Target


def notice_submit_forwarding(
    *,
    target: Target,
    notifier: User | None,
    send_to_server: bool = False,
    share_identity: bool = False,
    **fields,
) -> Notice:
    """`notice_submit`, and the report passed on to the content's server when the member
    asks (`send_to_server`). A wish that cannot be met is refused before anything is
    filed; a repeated report, joined to the notice passed on the first time, is not sent
    again. The report form and the API both file this way."""
    if send_to_server:
        forward_check(target=target, notifier=notifier)
    notice = notice_submit(target=target, notifier=notifier, **fields)
    if send_to_server and notice.forwarded_at is None:
        notice_forward(
            notice=notice, target=target, notifier=notifier, with_identity=share_identity
        )
    return notice


def forward_check(*, target: Target, notifier: User | None) -> None:
    """A wish to pass a report on that cannot be met is refused before the notice is
    filed, so a refused request files nothing."""
    if notifier is None:
        raise ServiceError(_("Only signed-in members can have a report sent on to another server."))
    if not target.is_remote:
        raise ServiceError(_("Only reports about content from another server can be sent there."))


def notice_forward(
    *, notice: Notice, target: Target, notifier: User, with_identity: bool = False
) -> Notice:
    forward_check(target=target, notifier=notifier)
    about = target.owner
    objects = [] if target.type == TargetType.REMOTE_ACCOUNT else [target.obj.uri]
    comment = notice.explanation
    if with_identity:  # in the instance's language, as everything else Candid sends out
        with translation.override(settings.LANGUAGE_CODE):
            named = _("Reported by %(account)s") % {
                "account": addresses.actor_id(notifier.username)
            }
        comment += "\n\n" + named
    now = timezone.now()
    with transaction.atomic():
        delivery = flag_send(about=about, objects=objects, comment=comment, case_id=notice.case_id)
        Notice.objects.filter(pk=notice.pk).update(
            forwarded_to=about.domain,
            forwarded_at=now,
            forwarded_with_identity=with_identity,
            forward_delivery=delivery,
        )
        event_record(
            kind="moderation.notice_forwarded",
            actor=notifier,
            subject=notice,
            data={
                "notice_id": notice.pk,
                "domain": about.domain,
                "with_identity": with_identity,
                "queued": delivery is not None,
            },
        )
    notice.refresh_from_db()
    return notice
