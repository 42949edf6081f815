"""S3 storage tests (`CANDID_STORAGE=s3`) against a real moto server in server mode.

One `moto_server` process per test session on a free 127.0.0.1 port; each test gets its
own empty bucket, and the media storage is configured exactly as candid/settings.py
builds it from the environment (read once, from a fresh process)."""

import itertools
import json
import os
import socket
import subprocess
import sys
import time

import boto3
import pytest
from django.conf import settings as django_settings

from tests.moderation.conftest import rules  # noqa: F401
from tests.rights.conftest import exported  # noqa: F401

CREDENTIALS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}
REGION = "us-east-1"
_bucket_names = (f"candid-test-{n}" for n in itertools.count(1))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(port: int, process: subprocess.Popen, seconds: float = 30) -> None:
    give_up = time.monotonic() + seconds
    while time.monotonic() < give_up:
        if process.poll() is not None:
            raise RuntimeError(f"moto_server exited with status {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("moto_server did not start listening")


@pytest.fixture(scope="session")
def s3_endpoint():
    port = _free_port()
    process = subprocess.Popen(  # noqa: S603 (our own interpreter, fixed arguments)
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for(port, process)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="session")
def s3_settings_storage(s3_endpoint) -> dict:
    """STORAGES["default"] as candid/settings.py builds it for CANDID_STORAGE=s3."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "candid.settings",
        "CANDID_STORAGE": "s3",
        "CANDID_S3_BUCKET": "placeholder",
        "CANDID_S3_ENDPOINT_URL": s3_endpoint,
        "CANDID_S3_REGION": REGION,
        "CANDID_S3_ACCESS_KEY_ID": CREDENTIALS["aws_access_key_id"],
        "CANDID_S3_SECRET_ACCESS_KEY": CREDENTIALS["aws_secret_access_key"],
    }
    code = "import json; from django.conf import settings; print(json.dumps(settings.STORAGES))"
    done = subprocess.run(  # noqa: S603 (our own interpreter, fixed arguments)
        [sys.executable, "-c", code],
        env=env,
        cwd=django_settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)["default"]


@pytest.fixture(scope="session")
def s3_client(s3_endpoint):
    return boto3.client("s3", endpoint_url=s3_endpoint, region_name=REGION, **CREDENTIALS)


@pytest.fixture
def bucket(settings, media_dir, s3_client, s3_settings_storage) -> str:
    """A fresh, empty bucket that is Candid's media storage for this test."""
    name = next(_bucket_names)
    s3_client.create_bucket(Bucket=name)
    options = {**s3_settings_storage["OPTIONS"], "bucket_name": name}
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {**s3_settings_storage, "OPTIONS": options},
    }
    return name


@pytest.fixture
def listed(s3_client, bucket):
    """listed() -> every key in the bucket, read from the S3 server itself."""

    def keys() -> set[str]:
        pages = s3_client.get_paginator("list_objects_v2").paginate(Bucket=bucket)
        return {item["Key"] for page in pages for item in page.get("Contents", [])}

    return keys
