"""Statement templates: per rule, the wording a decision's "how it breaks the rule" starts
from. Written by admins; a moderator sees the text in the decision form and edits it before
sending (the service that issues decisions only ever uses what the form sent)."""

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.permissions import ensure_moderator
from core.errors import PermissionDenied, ServiceError
from core.events import event_record
from moderation.models import StatementTemplate
from moderation.selectors import rule_in_force


def statement_template_set(*, actor: User, rule_code: str, text: str) -> StatementTemplate | None:
    """Set (or, with an empty text, delete) the template of a rule in force."""
    ensure_moderator(actor)
    if actor.role != User.Role.ADMIN:
        raise PermissionDenied(_("Only admins can edit statement templates."))
    if rule_in_force(rule_code) is None:
        raise ServiceError(_("Unknown rule: choose one of the community rules."))
    text = text.strip()
    if len(text) > 2000:
        raise ServiceError(_("A template can be at most 2,000 characters long."))
    with transaction.atomic():
        if not text:
            StatementTemplate.objects.filter(rule_code=rule_code).delete()
            template = None
        else:
            template, _created = StatementTemplate.objects.update_or_create(
                rule_code=rule_code, defaults={"text": text}
            )
        event_record(
            kind="casework.template_set",
            actor=actor,
            data={"rule_code": rule_code, "deleted": template is None},
        )
    return template
