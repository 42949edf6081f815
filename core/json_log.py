"""Log lines as JSON, one object a line (LOG_FORMAT=json, the container's default), or as
text (LOG_FORMAT=text, `make run`'s), each carrying the id of the request it was written
in (core/request_id.py).

Kept free of Django imports: gunicorn's own configuration (deploy/gunicorn.conf.py) uses
these formatters for its error and access logs before Django is set up. A gunicorn access
line becomes an object with the request's fields rather than Apache's combined format.
"""

import contextvars
import datetime
import json
import logging
from collections.abc import Mapping

# The current request's id; set by core.request_id.RequestIdMiddleware.
_current: contextvars.ContextVar[str] = contextvars.ContextVar("candid_request_id", default="")

# gunicorn access-log atoms (gunicorn.glogging.Logger.atoms) and the names they get.
ACCESS_FIELDS = {
    "h": "remote_addr",
    "{x-forwarded-for}i": "forwarded_for",
    "m": "method",
    "U": "path",
    "q": "query",
    "H": "protocol",
    "s": "status",
    "B": "bytes",
    "M": "duration_ms",
    "f": "referer",
    "a": "user_agent",
    "{x-request-id}o": "request_id",
}
_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "request_id"}


def current_request_id() -> str:
    """The id of the request this thread is serving, or "" outside a request."""
    return _current.get()


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to every record (empty outside a request), for text formats."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", ""):
            record.request_id = _current.get() or "-"
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time (UTC, ISO 8601), level, logger, message, request_id,
    the record's `extra` fields, and the traceback as `exc_info` when there is one."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.datetime.fromtimestamp(record.created, datetime.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
        }
        if record.name == "gunicorn.access" and isinstance(record.args, Mapping):
            entry.update(_access_fields(record.args))
            entry["message"] = f"{entry.get('method')} {entry.get('path')} {entry.get('status')}"
        else:
            entry["message"] = record.getMessage()
            entry["request_id"] = getattr(record, "request_id", "") or _current.get()
            for key, value in vars(record).items():
                if key not in _STANDARD and not key.startswith("_"):
                    entry[key] = value
        if not entry.get("request_id") or entry["request_id"] == "-":
            entry.pop("request_id", None)
        if record.exc_info:
            entry["exc_info"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str, ensure_ascii=False)


def _access_fields(atoms: Mapping) -> dict:
    fields = {}
    for atom, name in ACCESS_FIELDS.items():
        value = atoms.get(atom)
        if value in (None, "", "-"):
            continue
        if name in {"status", "bytes", "duration_ms"}:
            fields[name] = int(value)
        else:  # gunicorn escapes quotes for its quoted text format; JSON does its own
            fields[name] = str(value).replace('\\"', '"')
    return fields
