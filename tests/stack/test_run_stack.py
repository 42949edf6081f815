"""`make run-stack` (scripts/run-stack.sh) end to end: PostgreSQL, Redis, the S3 server,
two gunicorn web processes behind nginx and one task worker, all real servers on
127.0.0.1. A member signs up, uploads a photo, a visitor reports it and the member's
export is built by the worker and downloaded, every request through the proxy.

Runs once, in the SQLite pass of `make test`: the stack brings its own PostgreSQL."""

import html
import io
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import boto3
import psycopg
import pytest
import requests

from accounts.terms import TERMS_VERSION
from photos.samples import sample_jpeg

ROOT = Path(__file__).resolve().parents[2]
STARTED = "Candid stack is at"
pytestmark = pytest.mark.skipif(
    bool(os.environ.get("DATABASE_URL")),
    reason="runs once, in the SQLite pass: the stack starts its own PostgreSQL",
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    state = tmp_path_factory.mktemp("stack")
    ports = {name: _free_port() for name in ("proxy", "web1", "web2", "redis", "s3")}
    pg_port = int(os.environ.get("CANDID_STACK_PG_PORT") or _free_port())
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("CANDID_", "SECRET_KEY"))},
        "PY": sys.executable,
        "PORT": str(ports["proxy"]),
        "STACK_WEB_PORTS": f"{ports['web1']} {ports['web2']}",
        "STACK_REDIS_PORT": str(ports["redis"]),
        "STACK_S3_PORT": str(ports["s3"]),
        "STACK_PG_PORT": str(pg_port),
        "STACK_DIR": str(state / "run"),
        "STACK_KEEP": "1",
        "STACK_DEMO": "0",  # the demo data takes a minute; the stack's own path is tested
    }
    output = (state / "output.log").open("w")
    process = subprocess.Popen(  # noqa: S603 - our own script
        [str(ROOT / "scripts/run-stack.sh")],
        cwd=ROOT,
        env=env,
        stdout=output,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 240
        while STARTED not in (state / "output.log").read_text():
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail("the stack did not start:\n" + (state / "output.log").read_text())
            time.sleep(1)
        yield {
            "url": f"http://127.0.0.1:{ports['proxy']}",
            "dir": state / "run",
            "ports": ports,
            "database": f"postgres://candid@127.0.0.1:{pg_port}/candid",
        }
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
        output.close()


def _csrf(session: requests.Session, url: str) -> str:
    page = session.get(url, timeout=30)
    assert page.status_code == 200, (url, page.status_code)
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)


def _access_lines(run_dir: Path, port: int) -> list[dict]:
    lines = (run_dir / f"web-{port}.log").read_text().splitlines()
    return [json.loads(line) for line in lines if line.startswith("{")]


def test_sign_up_upload_report_and_export_through_the_proxy(stack):
    url = stack["url"]
    member = requests.Session()
    signup = member.post(
        f"{url}/accounts/signup/",
        data={
            "csrfmiddlewaretoken": _csrf(member, f"{url}/accounts/signup/"),
            "username": "stackuser",
            "email": "stackuser@example.org",
            "password": "a long unusual passphrase",
            "accept_terms": "on",
            "terms_version": TERMS_VERSION,
        },
        timeout=30,
    )
    assert "Welcome to Candid, stackuser." in html.unescape(signup.text)
    with psycopg.connect(stack["database"]) as db:
        (body,) = db.execute(
            "SELECT body FROM core_outgoingmail WHERE recipient = 'stackuser@example.org'"
        ).fetchone()
    link = re.search(r"https?://[^/\s]+(/accounts/verify/\S+/)", body).group(1)
    assert "is confirmed" in html.unescape(member.get(url + link, timeout=30).text)

    upload = member.post(
        f"{url}/upload/",
        data={
            "csrfmiddlewaretoken": _csrf(member, f"{url}/upload/"),
            "title": "Harbour at dusk",
            "description": "Boats and cranes",
            "tags": "harbour",
            "licence": "cc-by",
            "visibility": "public",
        },
        files={"files": ("harbour.jpg", sample_jpeg(1200, 800, seed=3), "image/jpeg")},
        timeout=60,
    )
    photo_id = int(re.search(r"/photos/(\d+)/$", upload.url).group(1))
    image_url = re.search(r'<img src="([^"]+)"', upload.text).group(1)
    image = member.get(url + html.unescape(image_url), timeout=30)
    assert image.status_code == 200 and image.headers["Content-Type"].startswith("image/")

    visitor = requests.Session()
    report = visitor.post(
        f"{url}/report/",
        data={
            "csrfmiddlewaretoken": _csrf(visitor, f"{url}/report/?type=photo&id={photo_id}"),
            "target_type": "photo",
            "target_id": photo_id,
            "ground": "rules",
            "rule": "harassment",
            "explanation": "The caption names my neighbour.",
            "name": "Eve Example",
            "email": "eve@example.org",
        },
        timeout=30,
    )
    assert report.url.endswith("/report/sent/"), report.url

    member.post(
        f"{url}/settings/data/exports/",
        data={"csrfmiddlewaretoken": _csrf(member, f"{url}/settings/data/")},
        timeout=30,
    )
    deadline = time.monotonic() + 90
    link = None
    while link is None and time.monotonic() < deadline:
        page = member.get(f"{url}/settings/data/", timeout=30).text
        found = re.search(r'href="(/settings/data/exports/[^"/]+/download)"', page)
        link = found and found.group(1)
        time.sleep(1)
    assert link, "the worker did not build the export"
    archive = member.get(url + link, timeout=60)
    assert archive.headers["Content-Type"] == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(archive.content)).namelist()
    assert any(name.endswith(".jpg") for name in names), names

    # The rows are in the stack's PostgreSQL, the files in its S3 bucket.
    with psycopg.connect(stack["database"]) as db:
        notices = db.execute("SELECT count(*) FROM moderation_notice").fetchone()[0]
        title = db.execute("SELECT title FROM photos_photo WHERE id = %s", [photo_id]).fetchone()
    assert notices == 1
    assert title == ("Harbour at dusk",)
    s3 = boto3.client(
        "s3",
        endpoint_url=f"http://127.0.0.1:{stack['ports']['s3']}",
        region_name="us-east-1",
        aws_access_key_id="stack",
        aws_secret_access_key="stack-secret",
    )
    keys = [o["Key"] for o in s3.list_objects_v2(Bucket="candid-media").get("Contents", [])]
    assert len(keys) >= 2  # the original and its renditions (and the export)

    # Both web processes served, logging JSON lines with the request id they answered
    # with and the client address nginx forwarded.
    run_dir = stack["dir"]
    served = {p: _access_lines(run_dir, stack["ports"][p]) for p in ("web1", "web2")}
    assert all(served.values()), "one web process got no request"
    lines = served["web1"] + served["web2"]
    assert archive.headers["X-Request-ID"] in {line.get("request_id") for line in lines}
    proxied = [line for line in lines if line["path"] != "/healthz"]  # the script's own checks
    assert {line.get("forwarded_for") for line in proxied} == {"127.0.0.1"}
    # nginx names each request (X-Request-ID: $request_id) and Candid keeps that id, since
    # it comes from a trusted proxy: one id in the proxy's log and Candid's.
    nginx_log = (run_dir / "nginx-access.log").read_text().splitlines()
    nginx_ids = {json.loads(line)["request_id"] for line in nginx_log}
    assert archive.headers["X-Request-ID"] in nginx_ids
