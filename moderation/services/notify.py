"""Messages to notifiers, affected users and moderators. Sent after commit, so a rolled-back
decision never mails anyone; one message per recipient, so no one sees another's address.

Each person is written to in their own language (issue 15): a notifier in the language
they reported in (stored on the notice), a member in their saved preference
(accounts.preferences.language_for). The text is rendered under that language, whatever
the language of the moderator whose action sends it."""

from collections import defaultdict

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from accounts.models import User
from accounts.preferences import is_supported_language, language_for
from core.mail import mail_after_commit
from notifications.services import notify_mail_copy


def send_after_commit(*, to: list[str], template: str, context: dict, language: str = "") -> None:
    """`language`: the recipients' language; the instance default when empty or unknown."""
    context = {**context, "ods_url": settings.CANDID_ODS_BODIES_URL}
    with translation.override(supported(language)):
        mail_after_commit(to=to, template=f"moderation/email/{template}", context=context)
        notify_mail_copy(
            to=to,
            template=f"moderation/email/{template}",
            context=context,
            url=page_of(template, context),
        )


def page_of(template: str, context: dict) -> str:
    """Where the in-app copy of a message leads: the page the message is about."""
    if template == "appeal_to_decide":
        return reverse("moderation_appeal", args=[context["appeal"].pk])
    if template == "approval_needed":
        return reverse("moderation_case", args=[context["decision"].case_id])
    if template == "cases_escalated":
        return reverse("moderation_queue")
    if template == "rules_changed":
        return reverse("rules")
    return reverse("moderation_mine")


def send_in_their_languages(*, to: dict[str, str], template: str, context: dict) -> None:
    """`to` maps each address to its reader's language: one rendering per language."""
    by_language: dict[str, list[str]] = defaultdict(list)
    for address, language in to.items():
        if address:
            by_language[supported(language)].append(address)
    for language, addresses in sorted(by_language.items()):
        send_after_commit(
            to=sorted(addresses), template=template, context=context, language=language
        )


def send_to_members(*, members, template: str, context: dict) -> None:
    """Each member in their saved language."""
    addresses = {m.email: language_for(m) for m in members if m.email}
    send_in_their_languages(to=addresses, template=template, context=context)


def send_to_moderators(*, template: str, context: dict, exclude: User | None = None) -> None:
    send_to_members(members=moderators(exclude=exclude), template=template, context=context)


def moderators(*, exclude: User | None = None) -> list[User]:
    """Active moderators and admins with an address (accounts.selectors.staff_emails, with
    each one's language)."""
    staff = User.objects.filter(role__in=[User.Role.MODERATOR, User.Role.ADMIN], is_active=True)
    if exclude is not None:
        staff = staff.exclude(pk=exclude.pk)
    return list(staff.exclude(email=""))


def notifier_language(notice) -> str:
    """The language a notifier reported in; for a notice stored before languages were
    recorded, a member's saved language, else the instance default."""
    if is_supported_language(notice.language):
        return notice.language
    return language_for(notice.notifier) if notice.notifier_id else settings.LANGUAGE_CODE


def supported(language: str) -> str:
    return language if is_supported_language(language or "") else settings.LANGUAGE_CODE
