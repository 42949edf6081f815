"""gunicorn settings for Candid in production (the container, the systemd unit and
`make run-stack` use this file): `gunicorn -c deploy/gunicorn.conf.py candid.wsgi`.

Logs go to stdout (access) and stderr (errors) as JSON lines (LOG_FORMAT=json, the
default here) or text (LOG_FORMAT=text); each access line names the request id Candid
answered with (X-Request-ID, core/request_id.py) and the X-Forwarded-For the proxy sent.
Every value can be changed by environment variable.
"""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# A 40 MB upload over a slow line, and an export page, take longer than gunicorn's 30 s.
# The reverse proxy buffers request bodies, so a slow client does not hold a worker.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "120"))
graceful_timeout = 30
# Restart workers now and then so no slow leak grows without bound.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = 200
# No control socket in $HOME: systemd and the container give no writable home, and two
# gunicorns on one machine would fight over the one path.
control_socket_disable = True
accesslog = "-"
errorlog = "-"
access_log_format = (
    '%(h)s "%({x-forwarded-for}i)s" %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" '
    "%(M)sms %({x-request-id}o)s"
)

# JSON unless told otherwise, for gunicorn's lines and (set here, before the workers start)
# for Candid's own (candid/settings.py reads LOG_FORMAT).
_format = os.environ.setdefault("LOG_FORMAT", "json").strip().lower()
_formatter = (
    {"()": "core.json_log.JsonFormatter"}
    if _format == "json"
    else {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}
)
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"candid": _formatter},
    "handlers": {
        "access": {
            "class": "logging.StreamHandler",
            "formatter": "candid",
            "stream": "ext://sys.stdout",
        },
        "error": {
            "class": "logging.StreamHandler",
            "formatter": "candid",
            "stream": "ext://sys.stderr",
        },
    },
    "loggers": {
        "gunicorn.error": {"level": "INFO", "handlers": ["error"], "propagate": False},
        "gunicorn.access": {"level": "INFO", "handlers": ["access"], "propagate": False},
    },
    "root": {"level": "INFO", "handlers": ["error"]},
}
