"""Rights tests: moderation fixtures (reports, decisions) and helpers to build exports."""

import io
import zipfile

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command

from rights.models import DataExport
from rights.services.exports import export_request
from tests.moderation.conftest import rules  # noqa: F401


@pytest.fixture
def exported(django_capture_on_commit_callbacks):
    """exported(user) -> DataExport, built by the real task (the in-process backend)."""

    def do(user, actor=None) -> DataExport:
        with django_capture_on_commit_callbacks(execute=True):
            export = export_request(actor=actor or user, user=user)
        export.refresh_from_db()
        return export

    return do


def open_archive(export: DataExport) -> zipfile.ZipFile:
    with default_storage.open(export.file, "rb") as stored:
        return zipfile.ZipFile(io.BytesIO(stored.read()))


@pytest.fixture
def import_cli(django_capture_on_commit_callbacks):
    """import_cli(*args): `manage.py import_archive`, its task run by the in-process
    backend after the (captured) commit, as in a real process."""

    def do(*args: str) -> None:
        with django_capture_on_commit_callbacks(execute=True):
            call_command("import_archive", *args)

    return do
