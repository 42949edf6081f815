"""A follow racing a block, on PostgreSQL with two real connections: the two members' rows
are locked before either writes, so the block waits for the follow to commit and then
severs it. No follow survives a block."""

import threading
import time

import pytest
from django.db import connection

from social.audience_services import block_create
from social.models import Block, Follow
from social.services import follow_create
from tests.pausing import Pause

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks: PostgreSQL"),
    pytest.mark.django_db(transaction=True),
]


def in_thread(fn) -> threading.Thread:
    def run():
        try:
            fn()
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def test_a_block_while_a_follow_is_being_written_severs_it(alice, bob, monkeypatch, tmp_path):
    pause = Pause(monkeypatch, tmp_path / "pause", "event:follow.created")
    follower = in_thread(lambda: follow_create(follower=bob, followee=alice))
    assert pause.reached(), "the follow is written, its transaction still open"
    blocker = in_thread(lambda: block_create(blocker=alice, blocked=bob))
    time.sleep(0.5)
    assert not Block.objects.exists(), "the block waits for the pair's lock"
    pause.go()
    follower.join(20)
    blocker.join(20)
    assert Block.objects.filter(blocker=alice, blocked=bob).exists()
    assert not Follow.objects.exists()
