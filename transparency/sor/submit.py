"""Optional submission of statements of reasons to the DSA Transparency Database API.

DSA Art. 24(5); micro and small platforms are exempt, so this is off unless an operator
sets CANDID_DSA_DB_TOKEN (CANDID_DSA_DB_URL names the database, production by default).
Statements go to `POST /api/v1/statements` in batches of at most 100, as the schema's
`endpoints` and `multi_batch` rule say. Per the schema's `http` convention:

- 201: every statement in the batch was stored;
- 422: the whole batch was refused. `errors.existing_puids` names statements the database
  already holds (recorded as present, never sent again); `errors.statement_<i>` names an
  invalid statement (recorded as rejected with its errors). The rest is sent again;
- 401 (or 403): the token was refused; submission stops and nothing more is recorded.

Outcomes are written to the event log (`transparency.sor_submitted`, puids only), so a
later run skips every puid already accepted: a puid is never reused. In the same
transaction each statement's outcome gets a row in `SorSubmission` (sent at, puid, accepted
with the database's uuid / already present / refused with the database's reason), which
the admins' submissions page shows.
"""

import json
import urllib.error
import urllib.request
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import ServiceError
from core.events import event_record
from core.models import Event
from transparency.models import SorSubmission

SUBMITTED = "transparency.sor_submitted"
MAX_BATCH = 100
ENDPOINT = "/api/v1/statements"


class SubmissionError(ServiceError):
    status = 502


class TokenRefused(SubmissionError):
    status = 401


@dataclass
class SubmissionReport:
    enabled: bool = True
    accepted: list[str] = field(default_factory=list)
    already_present: list[str] = field(default_factory=list)
    rejected: dict[str, dict] = field(default_factory=dict)
    skipped: int = 0

    def lines(self) -> list[str]:
        if not self.enabled:
            return ["Submission is off: CANDID_DSA_DB_TOKEN is not set."]
        out = [
            f"Submitted to the Transparency Database: {len(self.accepted)} accepted, "
            f"{len(self.already_present)} already there, {len(self.rejected)} rejected, "
            f"{self.skipped} skipped (accepted by an earlier run)."
        ]
        out += [f"REJECTED {puid}: {json.dumps(err)}" for puid, err in self.rejected.items()]
        return out


def submission_enabled() -> bool:
    return bool(settings.CANDID_DSA_DB_TOKEN)


def submitted_puids() -> set[str]:
    """Puids the database has: accepted by Candid's earlier submissions or found there."""
    done: set[str] = set()
    for data in Event.objects.filter(kind=SUBMITTED).values_list("data", flat=True).iterator():
        done.update(data.get("accepted", []), data.get("already_present", []))
    return done


def statements_submit(
    *, records: Iterable[dict], batch_size: int = MAX_BATCH, timeout: float = 30
) -> SubmissionReport:
    """Send `records` (export records, already validated) that were not accepted before."""
    token, base = settings.CANDID_DSA_DB_TOKEN, settings.CANDID_DSA_DB_URL
    if not token:
        return SubmissionReport(enabled=False)
    if not 1 <= batch_size <= MAX_BATCH:
        raise ServiceError(_("A batch holds 1 to %(max)s statements.") % {"max": MAX_BATCH})
    if not base.startswith(("https://", "http://")):
        raise ServiceError(_("CANDID_DSA_DB_URL must be an http(s) URL."))
    report, done = SubmissionReport(), submitted_puids()
    fresh = _skip_done(records, done, report)
    for batch in _batches(fresh, batch_size):
        _submit_batch(batch, base.rstrip("/") + ENDPOINT, token, timeout, report)
    return report


def _skip_done(records: Iterable[dict], done: set[str], report: SubmissionReport) -> Iterator:
    for record in records:
        if record.get("puid") in done:
            report.skipped += 1
        else:
            yield record


def _batches(records: Iterator[dict], size: int) -> Iterator[list[dict]]:
    while batch := list(islice(records, size)):
        yield batch


def _submit_batch(batch, url: str, token: str, timeout: float, report) -> None:
    pending = batch
    while pending:
        status, body = _post(url, token, {"statements": pending}, timeout)
        if status == 201:
            _record(report, accepted=[r["puid"] for r in pending], uuids=_uuids(body))
            return
        if status in (401, 403):
            raise TokenRefused(
                f"The Transparency Database refused the token (HTTP {status}). Check "
                "CANDID_DSA_DB_TOKEN; statements accepted so far stay recorded."
            )
        if status != 422:
            raise SubmissionError(
                f"The Transparency Database answered HTTP {status}; submission stopped. "
                "Statements accepted so far stay recorded; run again to continue."
            )
        remaining = _refused(pending, body, report)
        if len(remaining) == len(pending):
            _record(report, rejected={r["puid"]: {"batch": body} for r in pending})
            return
        pending = remaining


def _refused(pending: list[dict], body, report) -> list[dict]:
    """Record what a 422 names (present or invalid) and return the statements to resend."""
    errors = body.get("errors", {}) if isinstance(body, dict) else {}
    present = set(errors.get("existing_puids") or [])
    rejected = {}
    for key, detail in errors.items():
        index = key.removeprefix("statement_")
        if key.startswith("statement_") and index.isdigit() and int(index) < len(pending):
            rejected[pending[int(index)]["puid"]] = detail
    present &= {r["puid"] for r in pending}
    _record(report, already_present=sorted(present), rejected=rejected)
    return [r for r in pending if r["puid"] not in present and r["puid"] not in rejected]


def _uuids(body) -> dict[str, str]:
    """puid -> the uuid the database gave the stored statement, from a 201 answer."""
    stored = body.get("statements") if isinstance(body, dict) else None
    return {
        str(item["puid"]): str(item.get("uuid") or "")
        for item in stored or []
        if isinstance(item, dict) and item.get("puid")
    }


def _record(
    report: SubmissionReport, *, accepted=(), already_present=(), rejected=None, uuids=None
) -> None:
    rejected, uuids = rejected or {}, uuids or {}
    if not (accepted or already_present or rejected):
        return
    now, outcome = timezone.now(), SorSubmission.Outcome
    rows = [
        *(
            SorSubmission(
                sent_at=now, puid=p, outcome=outcome.ACCEPTED, database_uuid=uuids.get(p, "")
            )
            for p in accepted
        ),
        *(
            SorSubmission(sent_at=now, puid=p, outcome=outcome.ALREADY_PRESENT)
            for p in already_present
        ),
        *(
            SorSubmission(sent_at=now, puid=p, outcome=outcome.REFUSED, reason=_reason(detail))
            for p, detail in rejected.items()
        ),
    ]
    with transaction.atomic():
        SorSubmission.objects.bulk_create(rows)
        event_record(
            kind=SUBMITTED,
            data={
                "accepted": list(accepted),
                "already_present": list(already_present),
                "rejected": sorted(rejected),
            },
            private={"rejections": rejected},
        )
    report.accepted += accepted
    report.already_present += already_present
    report.rejected.update(rejected)


def _reason(detail) -> dict[str, list[str]]:
    """The database's reason for refusing: its messages by field where it gave them."""
    if not isinstance(detail, dict):
        return {"message": [str(detail)]}
    return {str(key): _messages(value) for key, value in detail.items()}


def _messages(value) -> list[str]:
    if isinstance(value, list):
        return [m if isinstance(m, str) else json.dumps(m, ensure_ascii=False) for m in value]
    return [value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)]


def _post(url: str, token: str, payload: dict, timeout: float) -> tuple[int, object]:
    request = urllib.request.Request(  # noqa: S310 (scheme checked in statements_submit)
        url,
        data=json.dumps(payload, ensure_ascii=False).encode(),
        headers={
            "Authorization": f"Bearer {token}",
            "Accept": "application/json",
            "Content-Type": "application/json",
        },
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return response.status, _json(response.read())
    except urllib.error.HTTPError as error:
        return error.code, _json(error.read())
    except (urllib.error.URLError, TimeoutError) as error:
        raise SubmissionError(
            f"Could not reach the Transparency Database at {url}: {error}. Nothing more sent."
        ) from error


def _json(raw: bytes):
    try:
        return json.loads(raw or b"null")
    except ValueError:
        return raw.decode(errors="replace")[:500]
