"""deploy/nginx/candid.conf.template, filled in as its header says, is accepted by nginx
(`nginx -t`, Debian's nginx that `make deps-system` installs) and sets what Candid relies
on: the client address, the scheme, a request id, and an upload limit that fits
CANDID_MAX_UPLOAD_BYTES."""

import re
import shutil
import string
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = (ROOT / "deploy/nginx/candid.conf.template").read_text()


def _filled(tls_dir: Path) -> str:
    return string.Template(TEMPLATE).safe_substitute(
        CANDID_SERVER_NAME="photos.example.org",
        CANDID_UPSTREAM="127.0.0.1:8000",
        CANDID_TLS_DIR=str(tls_dir),
    )


def test_nginx_accepts_the_filled_in_example(tmp_path):
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists():
        pytest.fail("nginx is missing (make deps-system)")
    subprocess.run(  # noqa: S603 - a throw-away self-signed certificate
        [
            shutil.which("openssl") or "/usr/bin/openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=photos.example.org",
            "-keyout",
            str(tmp_path / "privkey.pem"),
            "-out",
            str(tmp_path / "fullchain.pem"),
        ],
        check=True,
        capture_output=True,
    )
    (tmp_path / "candid.conf").write_text(_filled(tmp_path))
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\n"
        "events {}\n"
        f"http {{ access_log off; client_body_temp_path {tmp_path}/body;\n"
        f"proxy_temp_path {tmp_path}/proxy; include {tmp_path}/candid.conf; }}\n"
    )
    result = subprocess.run(  # noqa: S603 - nginx's own syntax check
        [
            nginx,
            "-t",
            "-p",
            str(tmp_path),
            "-c",
            str(tmp_path / "nginx.conf"),
            "-e",
            str(tmp_path / "error.log"),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "[emerg]" not in result.stderr


def test_the_example_forwards_the_client_and_allows_candids_uploads():
    filled = _filled(Path("/etc/tls"))
    assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;" in filled
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in filled
    assert "proxy_set_header X-Request-ID $request_id;" in filled
    limit = re.search(r"client_max_body_size (\d+)m;", filled).group(1)
    assert int(limit) * 1024 * 1024 > settings.CANDID_MAX_UPLOAD_BYTES
    assert int(limit) * 1024 * 1024 <= settings.CANDID_MAX_UPLOAD_BYTES + 2 * 1024 * 1024
