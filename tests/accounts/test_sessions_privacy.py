"""Session records and second-factor devices in the data rights: the export lists the
sessions (browser, address, times) and whether an authenticator is set up, never its
secret or the recovery codes; erasure signs every session out and removes the devices."""

import io
import json
import zipfile
from datetime import timedelta

from django.core.files.storage import default_storage
from django.test import Client
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import SessionRecord
from accounts.second_factor import recovery_codes_renew
from rights.services.erasure import erasure_request
from rights.services.exports import export_request
from rights.services.upkeep import rights_upkeep
from tests.moderation_fixtures import staff_device


def signed_in(user) -> Client:
    client = Client(HTTP_USER_AGENT="Firefox on the laptop", REMOTE_ADDR="192.0.2.10")
    password = "correct horse battery"  # the make_user fixture's
    client.post("/accounts/login/", {"username": user.username, "password": password})
    return client


def test_the_export_lists_sessions_and_the_second_factor_without_secrets(
    alice, django_capture_on_commit_callbacks
):
    signed_in(alice)
    device = staff_device(alice)
    codes = recovery_codes_renew(user=alice)
    with django_capture_on_commit_callbacks(execute=True):
        export = export_request(actor=alice, user=alice)
    export.refresh_from_db()
    with default_storage.open(export.file, "rb") as stored:
        archive = zipfile.ZipFile(io.BytesIO(stored.read()))
    raw = archive.read("account/sessions.json").decode()
    sessions = json.loads(raw)
    assert sessions["second_factor"] == {"authenticator_app": True}
    assert [(s["user_agent"], s["ip"]) for s in sessions["sessions"]] == [
        ("Firefox on the laptop", "192.0.2.10")
    ]
    everything = b"".join(archive.read(name) for name in archive.namelist()).decode("latin-1")
    assert device.key not in everything and codes[0] not in everything


def test_erasure_signs_every_session_out_and_removes_the_devices(
    alice, django_capture_on_commit_callbacks
):
    laptop = signed_in(alice)
    staff_device(alice)
    recovery_codes_renew(user=alice)
    erasure = erasure_request(actor=alice, user=alice)
    with django_capture_on_commit_callbacks(execute=True):
        rights_upkeep(now=erasure.scheduled_for + timedelta(minutes=1))
    assert not SessionRecord.objects.exists()
    assert not TOTPDevice.objects.exists() and not StaticDevice.objects.exists()
    assert laptop.get("/settings/tokens/").status_code == 302
