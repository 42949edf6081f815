"""Helpers for the statement-of-reasons tests: a valid record, decisions of every kind made
through the real services, and a stand-in for the Transparency Database on 127.0.0.1."""

import json
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from django.utils import timezone

from moderation.models import Case
from moderation.services.decisions import DecisionInput, decision_approve, decision_issue
from moderation.services.notices import notice_submit
from moderation.services.targets import Target
from photos.services import album_create
from social.services import comment_post
from transparency.sor.schema import validate

DROP = object()
SPEECH = "STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH"


def valid_record(**overrides) -> dict:
    record = {
        "decision_visibility": ["DECISION_VISIBILITY_CONTENT_REMOVED"],
        "decision_ground": "DECISION_GROUND_INCOMPATIBLE_CONTENT",
        "incompatible_content_ground": "Community rules v1, rule harassment",
        "incompatible_content_explanation": "The caption mocks a private person.",
        "content_type": ["CONTENT_TYPE_IMAGE"],
        "category": "STATEMENT_CATEGORY_OTHER_VIOLATION_TC",
        "content_date": "2026-01-05",
        "application_date": "2026-01-06",
        "decision_facts": "Reported by a user; the caption mocks a private person.",
        "source_type": "SOURCE_TYPE_OTHER_NOTIFICATION",
        "automated_detection": "No",
        "automated_decision": "AUTOMATED_DECISION_NOT_AUTOMATED",
        "puid": "candid-decision-1",
        "territorial_scope": ["AT", "DE"],
    }
    record.update(overrides)
    return {k: v for k, v in record.items() if v is not DROP}


ILLEGAL = dict(
    decision_ground="DECISION_GROUND_ILLEGAL_CONTENT",
    illegal_content_legal_ground="§ 130 StGB (DE)",
    illegal_content_explanation="Incites hatred against a protected group.",
    incompatible_content_ground=DROP,
    incompatible_content_explanation=DROP,
    category=SPEECH,
)

RULES_DECISION = dict(
    ground="rules",
    rule_code="harassment",
    rule_explanation="The caption names and mocks a private person.",
    facts="Reported by a user; the caption names a private person.",
)
ILLEGAL_DECISION = dict(
    ground="illegal",
    category=SPEECH,
    legal_ground="§ 130 StGB (DE)",
    legal_explanation="The caption incites hatred against a protected group.",
    facts="The caption calls for violence against a protected group.",
)


def rules_notice(target: Target, notifier, **fields):
    defaults = dict(
        ground="rules",
        rule_code="harassment",
        explanation="This photo targets a person repeatedly.",
        notifier=notifier,
    )
    return notice_submit(target=target, **{**defaults, **fields})


def illegal_notice(target: Target, notifier, **fields):
    defaults = dict(
        ground="illegal",
        country="DE",
        law="§ 130 StGB",
        category=SPEECH,
        good_faith=True,
        explanation="The caption incites hatred against a protected group.",
        notifier=notifier,
    )
    return notice_submit(target=target, **{**defaults, **fields})


def decide(case: Case, moderator, *, approver=None, **fields):
    case.refresh_from_db()
    decision = decision_issue(
        case=case,
        moderator=moderator,
        data=DecisionInput(**{"action": "remove", **fields}),
        expected_version=case.version,
    )
    if approver is not None:
        decision = decision_approve(decision=decision, approver=approver)
    decision.refresh_from_db()
    return decision


def own_initiative_case(target: Target, moderator) -> Case:
    """Opened through the moderation service when it exists; otherwise (it is being built
    in parallel) the row is made directly, as the export only needs a case without notices."""
    try:
        from moderation.services.own_initiative import case_open_own_initiative
    except ImportError:
        now = timezone.now()
        return Case.objects.create(
            target_type=target.type,
            target_id=target.id,
            target_owner=target.owner,
            deadline_at=now,
            opened_at=now,
            own_initiative=True,
        )
    return case_open_own_initiative(moderator=moderator, target=target)


def every_kind_of_decision(*, owner, notifier, flagger, mod, mod2, upload, make_user):
    """One decision per action, ground, visibility option, content type and source type
    Candid produces; returns {label: decision}."""
    photos = [upload(owner, title=f"Photo {i}") for i in range(6)]
    album = album_create(owner=owner, title="Holiday")
    comment = comment_post(author=owner, photo_id=photos[0].pk, body="Nice light here")
    carol, dave = make_user("carol"), make_user("dave")
    made = {}
    notice = rules_notice(Target("photo", photos[0]), notifier, rule_code="sensitive-label")
    made["label_sensitive"] = decide(
        notice.case, mod, **{**RULES_DECISION, "action": "label_sensitive"}
    )
    notice = illegal_notice(Target("photo", photos[1]), notifier)
    made["restrict"] = decide(notice.case, mod, **{**ILLEGAL_DECISION, "action": "restrict"})
    notice = illegal_notice(Target("photo", photos[2]), flagger, notifier_type="trusted_flagger")
    made["withhold"] = decide(
        notice.case, mod, **{**ILLEGAL_DECISION, "action": "withhold", "countries": ["de", "AT"]}
    )
    notice = illegal_notice(Target("album", album), notifier)
    # Withholding an album crashes in moderation/services/enforcement.py (Album has no
    # withheld_in field), so the album case is a removal on the illegal-content ground.
    made["remove_album"] = decide(notice.case, mod, **ILLEGAL_DECISION)
    notice = rules_notice(Target("comment", comment), notifier)
    made["remove_comment"] = decide(notice.case, mod, **RULES_DECISION)
    case = own_initiative_case(Target("photo", photos[3]), mod)
    made["remove_voluntary"] = decide(
        case,
        mod,
        **RULES_DECISION,
        automated_detection=True,
        automated_decision="AUTOMATED_DECISION_PARTIALLY",
    )
    notice = rules_notice(Target("profile", carol), notifier)
    made["suspend"] = decide(
        notice.case,
        mod,
        approver=mod2,
        **{**RULES_DECISION, "action": "suspend"},
        duration_days=7,
    )
    notice = illegal_notice(Target("profile", dave), notifier)
    made["terminate"] = decide(
        notice.case, mod, approver=mod2, **{**ILLEGAL_DECISION, "action": "terminate"}
    )
    notice = rules_notice(Target("photo", photos[4]), notifier)
    made["no_action"] = decide(notice.case, mod, action="no_action", facts="Nothing wrong here.")
    return made


class FakeDatabase:
    """The Transparency Database's batch endpoint, on 127.0.0.1, validating with our
    validator. Answers 201, 422 (errors keyed statement_<i>, or existing_puids) or 401."""

    def __init__(self, token: str = "test-token"):  # noqa: S107
        self.token, self.stored, self.requests = token, {}, []
        self.fail_with: int | None = None
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def answer(self, path: str, auth: str, body: bytes) -> tuple[int, dict]:
        if self.fail_with:
            return self.fail_with, {"message": "Server Error"}
        if path != "/api/v1/statements":
            return 404, {"message": "Not Found"}
        if auth != f"Bearer {self.token}":
            return 401, {"message": "Unauthenticated."}
        statements = json.loads(body).get("statements")
        self.requests.append(statements)
        if not isinstance(statements, list) or not 1 <= len(statements) <= 100:
            return 422, {"errors": {"statements": ["between 1 and 100 statements"]}}
        errors = {}
        for i, statement in enumerate(statements):
            found = validate(statement)
            if found:
                errors[f"statement_{i}"] = {e.field: [e.message] for e in found}
        if errors:
            return 422, {"message": "invalid", "errors": errors}
        existing = [s["puid"] for s in statements if s["puid"] in self.stored]
        if existing:
            message = "The platform identifier(s) are not all unique within this call."
            return 422, {
                "message": message,
                "errors": {"puid": [message], "existing_puids": existing},
            }
        out = []
        for statement in statements:
            self.stored[statement["puid"]] = statement
            out.append({"uuid": str(uuid.uuid4()), "puid": statement["puid"]})
        return 201, {"statements": out}

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (http.server's name)
                length = int(self.headers.get("Content-Length", 0))
                status, body = fake.answer(
                    self.path, self.headers.get("Authorization", ""), self.rfile.read(length)
                )
                raw = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

            def log_message(self, *args):
                pass

        return Handler
