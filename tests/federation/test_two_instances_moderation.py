"""Due process across two real Candid instances (issue 20): A removes a reply from B's
member, who gets the statement as a direct message on B, appeals through its link on A
without an account there, and a different moderator on A reverses: the reply is back on
A. And B's member reports a photo on A with "send to their server": A's queue holds a
notice from B's server; A's moderator decides, the statement reaches the owner on A, and
the notice is counted in A's NetzDG and DSA reports under the federated channel."""

import re

import pytest
import requests

from tests.federation.instances import Instance
from tests.federation.test_two_instances import MEMBER, UPLOAD, _databases, api

MODERATORS = """
from accounts.models import User
for name in ("mod1", "mod2"):
    User.objects.create_user(username=name, email=name + "@example.org", password="x-" * 8,
        role="moderator")
result = {}
"""
ALICE_UPLOAD = UPLOAD.replace('username="bob"', 'username="alice"')
REMOVE_REPLY = """
from accounts.models import User
from federation.models import RemoteReply
from moderation.services.decisions import DecisionInput, decision_issue
from moderation.services.own_initiative import case_open_own_initiative
from moderation.services.targets import Target
mod = User.objects.get(username="mod1")
reply = RemoteReply.objects.get()
case = case_open_own_initiative(moderator=mod, target=Target("remote_reply", reply))
decision_issue(case=case, moderator=mod, expected_version=case.version, data=DecisionInput(
    action="remove", ground="rules", rule_code="harassment",
    rule_explanation="The reply insults the photographer.",
    facts="The reply calls the photographer names."))
reply.refresh_from_db()
result = {"removed": reply.removed_at is not None}
"""
MESSAGES = """
from notifications.models import Notification
result = {"messages": [[n.title, n.url] for n in Notification.objects.filter(
    recipient__username="bob", kind="moderation").order_by("id")]}
"""
DECIDE_APPEAL = """
from accounts.models import User
from core.errors import PermissionDenied
from federation.models import RemoteReply
from moderation.models import Appeal
from moderation.services.appeals import appeal_decide
appeal = Appeal.objects.get()
refused = False
try:
    appeal_decide(appeal=appeal, moderator=User.objects.get(username="mod1"),
        outcome="reversed", reasons="I decided it myself.")
except PermissionDenied:
    refused = True
appeal_decide(appeal=appeal, moderator=User.objects.get(username="mod2"), outcome="reversed",
    reasons="Blunt, but no insult: the reply stays.")
result = {"refused_to_decider": refused, "role": appeal.role,
    "reply_removed": RemoteReply.objects.get().removed_at is not None}
"""
REPORT_AND_FORWARD = """
from accounts.models import User
from federation.models import RemotePost
from moderation.services.forwarding import notice_forward
from moderation.services.notices import notice_submit
from moderation.services.targets import Target
bob = User.objects.get(username="bob")
target = Target("remote_post", RemotePost.objects.get())
notice = notice_submit(target=target, ground="rules", rule_code="harassment",
    explanation="This photo shows my neighbour without consent.", notifier=bob)
notice = notice_forward(notice=notice, target=target, notifier=bob)
result = {"state": notice.forward_delivery.state}
"""
DECIDE_FLAG = """
from accounts.models import User
from django.utils import timezone
from moderation.models import Notice
from moderation.services.decisions import DecisionInput, decision_issue
from notifications.models import Notification
from transparency.reports.dsa import dsa_report
from transparency.reports.netzdg import netzdg_report
case = Notice.objects.get(channel="federation").case
decision_issue(case=case, moderator=User.objects.get(username="mod1"),
    expected_version=case.version, data=DecisionInput(action="remove", ground="rules",
    rule_code="harassment", rule_explanation="It shows a person against their will.",
    facts="The neighbour is recognisable and did not agree."))
now = timezone.now()
half = f"{now.year}-H{1 if now.month <= 6 else 2}"
counted = {}
for name, report in (("netzdg", netzdg_report(half, lang="en")),
                     ("dsa", dsa_report(str(now.year), lang="en"))):
    channels = {row[0]: row[1] for row in {t.key: t for t in report.tables}["by_channel"].rows}
    counted[name] = [channels.get("Another server's report"), report.received, report.counted,
        sorted(set(report.breakdowns.values()))]
result = {"counted": counted, "statements": [n.title for n in Notification.objects.filter(
    recipient__username="alice", kind="moderation")]}
"""
QUEUE = """
from moderation.models import Notice
result = {"notices": [[n.channel, n.target_type, n.notifier_name, n.explanation]
    for n in Notice.objects.filter(channel="federation")]}
"""


@pytest.fixture(scope="module")
def instances(tmp_path_factory, request):
    base = tmp_path_factory.mktemp("federation_moderation")
    urls = _databases(request)
    a, b = Instance("a", base, urls[0]), Instance("b", base, urls[1])
    try:
        a.manage("collectstatic", "--no-input")  # A serves the statement page as HTML
        a.start()
        b.start()
        yield a, b
    finally:
        a.stop()
        b.stop()


def test_a_removed_reply_is_appealed_from_the_other_server_and_restored(instances):
    a, b = instances
    a.python(MEMBER.format(name="alice"))
    a.python(MODERATORS)
    bob = api(b, b.python(MEMBER.format(name="bob"))["token"])
    followed = bob.post(f"{bob.base}/users/alice@{a.host}/follow", timeout=60)
    assert followed.json()["following"] == "accepted", followed.text
    photo = a.python(ALICE_UPLOAD)["id"]
    a.manage("federation_upkeep")
    feed = bob.get(f"{bob.base}/feed", timeout=30).json()["items"]
    post = [item["remote"] for item in feed if item["kind"] == "remote"][0]["id"]
    answer = {"text": "What a dull photo, you should give up."}
    assert bob.post(f"{bob.base}/remote-posts/{post}/replies", json=answer, timeout=60).ok
    shown = f"{a.url}/api/v1/photos/{photo}/remote-replies"
    assert len(requests.get(shown, timeout=30).json()["items"]) == 1

    assert a.python(REMOVE_REPLY) == {"removed": True}
    assert requests.get(shown, timeout=30).json()["items"] == []
    [[title, link]] = b.python(MESSAGES)["messages"]  # the direct message, on B
    assert link.startswith(f"{a.url}/moderation/statements/") and "measure" in title

    browser = requests.Session()  # the person elsewhere, with no account on A
    page = browser.get(link, timeout=30)
    assert page.status_code == 200 and "dull photo" in page.text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)[1]
    sent = browser.post(
        link,
        data={"csrfmiddlewaretoken": token, "explanation": "Harsh, but it is about the photo."},
        headers={"Referer": link},
        timeout=60,
    )
    assert sent.status_code == 200 and "is received" in sent.text, sent.text[-2000:]

    decided = a.python(DECIDE_APPEAL)
    assert decided == {"refused_to_decider": True, "role": "affected", "reply_removed": False}
    assert len(requests.get(shown, timeout=30).json()["items"]) == 1  # back on A
    messages = b.python(MESSAGES)["messages"]
    assert len(messages) == 2 and "Decision reversed" in messages[1][0]

    assert b.python(REPORT_AND_FORWARD) == {"state": "delivered"}
    [[channel, kind, notifier, explanation]] = a.python(QUEUE)["notices"]
    assert (channel, kind) == ("federation", "photo")
    assert notifier == f"{b.url}/actor/"
    assert "neighbour without consent" in explanation

    decided = a.python(DECIDE_FLAG)  # A decides; counted under the federated channel
    assert decided["counted"] == {"netzdg": [1, 1, 1, [1]], "dsa": [1, 1, 1, [1]]}
    [statement] = decided["statements"]  # the statement reaches the photo's owner on A
    assert statement
