"""Request ids and JSON log lines (core/request_id.py, core/json_log.py)."""

import io
import json
import logging
import os
import re
import subprocess
import sys

import pytest

from core.json_log import JsonFormatter, RequestIdFilter

pytestmark = pytest.mark.django_db
HEX_ID = re.compile(r"[0-9a-f]{32}")


def test_every_response_names_a_fresh_request_id(client):
    first = client.get("/explore/")["X-Request-ID"]
    second = client.get("/explore/")["X-Request-ID"]
    assert HEX_ID.fullmatch(first) and HEX_ID.fullmatch(second)
    assert first != second


def test_an_incoming_id_is_kept_from_a_trusted_proxy(client, settings):
    settings.CANDID_TRUSTED_PROXIES = ["127.0.0.0/8"]
    response = client.get("/explore/", HTTP_X_REQUEST_ID="edge-7f3a.1", REMOTE_ADDR="127.0.0.1")
    assert response["X-Request-ID"] == "edge-7f3a.1"


def test_an_incoming_id_from_anyone_else_is_replaced(client, settings):
    settings.CANDID_TRUSTED_PROXIES = ["127.0.0.0/8"]
    response = client.get("/explore/", HTTP_X_REQUEST_ID="chosen", REMOTE_ADDR="203.0.113.9")
    assert HEX_ID.fullmatch(response["X-Request-ID"])


def test_without_trusted_proxies_no_incoming_id_is_kept(client, settings):
    settings.CANDID_TRUSTED_PROXIES = []
    response = client.get("/explore/", HTTP_X_REQUEST_ID="chosen")
    assert HEX_ID.fullmatch(response["X-Request-ID"])


def test_a_malformed_incoming_id_is_replaced_even_from_a_trusted_proxy(client, settings):
    settings.CANDID_TRUSTED_PROXIES = ["127.0.0.1"]
    response = client.get("/explore/", HTTP_X_REQUEST_ID="a b\nforged-line")
    assert HEX_ID.fullmatch(response["X-Request-ID"])


def _capture(logger_name: str, formatter: logging.Formatter):
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(formatter)
    handler.addFilter(RequestIdFilter())
    logging.getLogger(logger_name).addHandler(handler)
    return stream, handler


def test_a_line_logged_during_a_request_is_json_with_its_request_id(client):
    stream, handler = _capture("django.request", JsonFormatter())
    try:
        response = client.get("/no-such-page-at-all/")
    finally:
        logging.getLogger("django.request").removeHandler(handler)
    assert response.status_code == 404
    line = json.loads(stream.getvalue().splitlines()[-1])
    assert line["request_id"] == response["X-Request-ID"]
    assert line["level"] == "WARNING"
    assert line["logger"] == "django.request"
    assert "/no-such-page-at-all/" in line["message"]
    assert line["time"].endswith("+00:00")


def test_the_text_format_carries_the_request_id_too(client):
    formatter = logging.Formatter("%(levelname)s [%(request_id)s] %(message)s")
    stream, handler = _capture("django.request", formatter)
    try:
        response = client.get("/no-such-page-at-all/")
    finally:
        logging.getLogger("django.request").removeHandler(handler)
    assert f"WARNING [{response['X-Request-ID']}] Not Found" in stream.getvalue()


def test_an_exception_is_one_json_line_with_its_traceback():
    stream, handler = _capture("candid.test", JsonFormatter())
    try:
        try:
            raise ValueError("broken\nacross lines")
        except ValueError:
            logging.getLogger("candid.test").exception("it failed", extra={"photo": 7})
    finally:
        logging.getLogger("candid.test").removeHandler(handler)
    lines = stream.getvalue().splitlines()
    assert len(lines) == 1
    entry = json.loads(lines[0])
    assert entry["message"] == "it failed" and entry["photo"] == 7
    assert "ValueError: broken" in entry["exc_info"]
    assert "request_id" not in entry  # outside a request


def _django(env: dict, code: str) -> subprocess.CompletedProcess:
    full_env = {**os.environ, "DJANGO_SETTINGS_MODULE": "candid.settings", **env}
    return subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", "import django; django.setup()\n" + code],
        env=full_env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_an_unknown_log_format_is_refused_with_a_message():
    result = _django({"LOG_FORMAT": "xml"}, "")
    assert result.returncode != 0
    assert "LOG_FORMAT must be json or text, not 'xml'" in result.stderr


def test_log_format_json_makes_the_root_handler_write_json():
    code = "import logging; logging.getLogger('candid.x').warning('hello %s', 'there')"
    result = _django({"LOG_FORMAT": "json"}, code)
    assert result.returncode == 0, result.stderr
    entry = json.loads(result.stderr.strip().splitlines()[-1])
    assert entry["message"] == "hello there" and entry["logger"] == "candid.x"
