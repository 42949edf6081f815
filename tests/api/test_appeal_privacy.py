"""An appeal's own words reach only the one who wrote them: the affected user sees that
the notifier appealed, and the outcome, but not the notifier's text (API and export)."""

import json

from moderation.services.appeals import appeal_submit
from tests.rights.conftest import exported, open_archive  # noqa: F401 - the fixture

SECRET = "I am Bob, I live at 12 Private Road, and removal is not enough."


def test_the_affected_user_never_reads_the_notifiers_appeal(
    alice, bob, photo, report, decide, exported, api
):
    decision = decide(report(photo).case)
    appeal_submit(decision=decision, appellant=bob, explanation=SECRET)
    appeal_submit(decision=decision, appellant=alice, explanation="It is my own harbour photo.")
    [statement] = api(alice).get("/me/statements").json()["items"]
    words = {a["role"]: a["explanation"] for a in statement["appeals"]}
    assert words == {"notifier": "", "affected": "It is my own harbour photo."}
    archive = open_archive(exported(alice))
    [exported_statement] = json.loads(archive.read("moderation/statements.json"))
    assert SECRET not in json.dumps(exported_statement)
    assert "It is my own harbour photo." in json.dumps(exported_statement)
    [bobs_appeal] = json.loads(open_archive(exported(bob)).read("moderation/appeals.json"))
    assert bobs_appeal["explanation"] == SECRET
