"""Email from services: rendered now, sent after commit (a rolled-back change mails no
one), one message per recipient (no one sees another's address)."""

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.template.loader import render_to_string


def mail_after_commit(*, to: list[str], template: str, context: dict) -> None:
    """`template` names `<template>_subject.txt` and `<template>.txt`."""
    recipients = sorted({address for address in to if address})
    if not recipients:
        return
    context = {**context, "site_url": settings.SITE_URL}
    subject = render_to_string(f"{template}_subject.txt", context).strip()
    body = render_to_string(f"{template}.txt", context)
    messages = [(subject, body, settings.DEFAULT_FROM_EMAIL, [address]) for address in recipients]
    transaction.on_commit(lambda: send_mass_mail(messages))
