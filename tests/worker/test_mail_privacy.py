"""Recorded mail is personal data: the member's export lists the messages to their
address, and erasing the account deletes them (core/privacy.py)."""

import io
import json
import zipfile
from datetime import timedelta

from django.core.files.storage import default_storage
from django.utils import timezone

from core.mail import mail_record
from core.models import OutgoingMail
from rights.services.erasure import erasure_request
from rights.services.exports import export_request
from rights.services.upkeep import rights_upkeep


def mail_to(user, text: str) -> None:
    mail_record(to=[user.email], subject="Hello", body=text, purpose="test/hello")


def test_the_export_lists_the_mail_to_the_member_only(
    alice, bob, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        mail_to(alice, "For Alice")
        mail_to(bob, "For Bob")
        export = export_request(actor=alice, user=alice)
    export.refresh_from_db()
    with default_storage.open(export.file, "rb") as stored:
        archive = zipfile.ZipFile(io.BytesIO(stored.read()))
    messages = json.loads(archive.read("mail/messages.json"))
    assert [m["body"] for m in messages] == ["For Alice"] and messages[0]["sent_at"]
    assert "### mail/" in archive.read("README.md").decode()


def test_erasing_the_account_deletes_the_mail_to_its_address(
    alice, bob, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        mail_to(alice, "For Alice")
        mail_to(bob, "For Bob")
        erasure_request(actor=alice, user=alice)
        rights_upkeep(now=timezone.now() + timedelta(days=20))
    assert list(OutgoingMail.objects.values_list("body", flat=True)) == ["For Bob"]
