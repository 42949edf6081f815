"""Emails about depicted-person requests: to the photo's owner and staff when a request
arrives, to the requester when it is decided. Sent after commit, one message each."""

from accounts.selectors import staff_emails
from core.mail import mail_after_commit


def _send(to: list[str], template: str, context: dict) -> None:
    mail_after_commit(to=to, template=f"consent/lookup/email/{template}", context=context)


def notify_received(request) -> None:
    _send([request.photo.owner.email], "depicted_owner", {"request": request})
    _send(staff_emails(), "depicted_staff", {"request": request})
    _send([request.email], "depicted_receipt", {"request": request})


def notify_decided(request) -> None:
    _send([request.email], "depicted_outcome", {"request": request})
