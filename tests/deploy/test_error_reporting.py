"""The optional Sentry hook (core/error_reporting.py): off, and not even imported, unless
SENTRY_DSN is set; when set, events reach the configured server without personal data."""

import gzip
import http.server
import os
import subprocess
import sys
import threading


def _django(env: dict, code: str) -> subprocess.CompletedProcess:
    full_env = {**os.environ, "DJANGO_SETTINGS_MODULE": "candid.settings", **env}
    if "SENTRY_DSN" not in env:
        full_env.pop("SENTRY_DSN", None)
    return subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", "import django; django.setup()\n" + code],
        env=full_env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_without_a_dsn_sentry_is_not_imported():
    result = _django({}, "import sys; print('sentry_sdk' in sys.modules)")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_with_a_dsn_an_event_reaches_the_server_without_personal_data():
    received = []

    class Collector(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            received.append((self.path, self.rfile.read(int(self.headers["Content-Length"]))))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Collector)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        dsn = f"http://publickey@127.0.0.1:{server.server_port}/42"
        code = (
            "import sentry_sdk\n"
            "assert sentry_sdk.get_client().options['send_default_pii'] is False\n"
            "sentry_sdk.capture_message('candid test event')\n"
            "sentry_sdk.flush(timeout=10)\n"
        )
        result = _django({"SENTRY_DSN": dsn}, code)
    finally:
        server.shutdown()
    assert result.returncode == 0, result.stderr
    assert received, "no event reached the Sentry server"
    path, body = received[0]
    assert path.startswith("/api/42/envelope/")
    assert b"candid test event" in gzip.decompress(body)
