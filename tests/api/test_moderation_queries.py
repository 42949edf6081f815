"""The moderation endpoints ask the database a fixed number of questions, however many
cases, notices, statements or appeals there are (no query per item)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from moderation.services.appeals import appeal_submit
from moderation.services.decisions import DecisionInput, decision_issue
from moderation.services.notices import notice_submit
from moderation.services.targets import Target

REMOVAL = DecisionInput(
    action="remove",
    ground="rules",
    rule_code="harassment",
    rule_explanation="The caption names and mocks a private person.",
    facts="Reported by a user; the caption names a private person.",
)


def report(photo, notifier):
    return notice_submit(
        target=Target("photo", photo),
        ground="rules",
        rule_code="harassment",
        explanation="This photo targets a person repeatedly.",
        notifier=notifier,
    )


def queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def test_queue_appeals_and_statements_have_a_fixed_query_count(
    alice, upload, make_user, mod, mod2, api
):
    counts = []
    for _ in range(2):
        for _ in range(3):
            photo = upload(alice)
            case = report(photo, make_user()).case
            report(photo, make_user())
            decision = decision_issue(
                case=case, moderator=mod, data=REMOVAL, expected_version=case.version + 1
            )
            explanation = "Nobody is named in this photo at all."
            appeal_submit(decision=decision, appellant=alice, explanation=explanation)
            report(upload(alice), make_user())
        counts.append(
            [
                queries(api(mod2), "/moderation/queue"),
                queries(api(mod2), "/moderation/appeals"),
                queries(api(alice), "/me/statements"),
            ]
        )
    assert counts[0] == counts[1]
    assert max(counts[1]) < 20


def test_case_page_has_a_fixed_query_count(alice, upload, make_user, mod, api):
    photo = upload(alice)
    case = report(photo, make_user()).case
    counts = [queries(api(mod), f"/moderation/cases/{case.pk}")]
    for _ in range(5):
        report(photo, make_user())
    counts.append(queries(api(mod), f"/moderation/cases/{case.pk}"))
    assert counts[0] == counts[1] < 20


def test_my_notices_has_a_fixed_query_count(alice, bob, upload, mod, api):
    counts = []
    for _ in range(2):
        for _ in range(3):
            notice = report(upload(alice), bob)
            decision_issue(
                case=notice.case, moderator=mod, data=REMOVAL, expected_version=notice.case.version
            )
        counts.append(queries(api(bob), "/me/notices"))
    assert counts[0] == counts[1]
