"""A follow's notification mail travels the one mail path: recorded by the service, sent by
a real `manage.py worker` process to a real SMTP server, with the one-click unsubscribe
headers of RFC 8058."""

from dataclasses import dataclass, field
from email import message_from_bytes
from email.header import decode_header, make_header

from tests.worker.conftest import Inbox

FOLLOW = (
    "from accounts.models import User; from social.services import follow_create; "
    "alice = User.objects.create_user('alice', 'alice@example.org', 'x'); "
    "bob = User.objects.create_user('bob', 'bob@example.org', 'x'); "
    "follow_create(follower=bob, followee=alice)"
)


@dataclass
class KeepingInbox(Inbox):
    messages: list = field(default_factory=list)

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        self.messages.append(message_from_bytes(envelope.content))
        return await super().handle_DATA(server, session, envelope)


def test_the_worker_sends_the_follow_mail_with_one_click_unsubscribe(site, smtp, workers, tmp_path):
    inbox = KeepingInbox()
    port = smtp(inbox)
    site.shell(FOLLOW)
    assert inbox.messages == []  # recorded and queued; the shell sent nothing itself
    workers.append(site.worker(tmp_path / "worker.log", EMAIL_PORT=str(port)))
    site.wait_for(lambda: inbox.messages)
    [message] = inbox.messages
    assert message["To"] == "alice@example.org"
    assert str(make_header(decode_header(message["Subject"]))) == "bob started following you."
    unsubscribe = "".join(message["List-Unsubscribe"].split())  # unfolded (RFC 5322)
    assert unsubscribe.startswith("<http") and "/notifications/unsubscribe/" in unsubscribe
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe.strip("<>") in message.get_payload(decode=True).decode()
