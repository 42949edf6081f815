"""CANDID_STORAGE=local|s3 chooses the media storage; CANDID_S3_BUCKET alone still means s3
(as before the switch existed); a wrong or incomplete choice stops start-up with a message."""

import os
import subprocess
import sys

from django.conf import settings as django_settings

S3 = "storages.backends.s3.S3Storage"
LOCAL = "django.core.files.storage.FileSystemStorage"
CODE = "from django.conf import settings; print(settings.STORAGES['default']['BACKEND'])"


def start(**env: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("CANDID_S")}
    environ |= {"DJANGO_SETTINGS_MODULE": "candid.settings", **env}
    return subprocess.run(  # noqa: S603 (our own interpreter, fixed arguments)
        [sys.executable, "-c", CODE],
        env=environ,
        cwd=django_settings.BASE_DIR,
        capture_output=True,
        text=True,
    )


def test_the_switch_and_the_bucket_alone_choose_the_backend():
    assert start().stdout.strip() == LOCAL
    assert start(CANDID_STORAGE="s3", CANDID_S3_BUCKET="media").stdout.strip() == S3
    assert start(CANDID_S3_BUCKET="media").stdout.strip() == S3
    assert start(CANDID_STORAGE="local", CANDID_S3_BUCKET="media").stdout.strip() == LOCAL


def test_a_wrong_or_incomplete_choice_is_refused_with_a_message():
    unknown = start(CANDID_STORAGE="ftp")
    assert unknown.returncode != 0
    assert "CANDID_STORAGE must be 'local' or 's3', not 'ftp'" in unknown.stderr
    no_bucket = start(CANDID_STORAGE="s3")
    assert no_bucket.returncode != 0 and "needs CANDID_S3_BUCKET" in no_bucket.stderr
