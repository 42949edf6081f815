"""Every API list pages by cursor: following `next` from the first page gives each item
exactly once and in the list's order, even when items are added between requests; a
malformed cursor or an offset past 10,000 answers 400 naming `cursor`; no list request
counts rows."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from api.pagination import MAX_OFFSET
from moderation.services.notices import notice_submit
from moderation.services.targets import Target
from photos.services import album_create
from social.services import comment_post, follow_create
from tests.api.conftest import API, ApiClient


def notice_on(photo, notifier):
    return notice_submit(
        target=Target("photo", photo),
        ground="rules",
        rule_code="harassment",
        explanation="This photo targets a person repeatedly.",
        notifier=notifier,
    )


class Lists:
    """Per list: its path, the field naming an item, a caller, and how to add an item."""

    def __init__(self, alice, bob, mod, make_user, upload, api):
        self.alice, self.bob, self.mod = alice, bob, mod
        self.make_user, self.upload, self.api = make_user, upload, api
        self.photo = upload(alice, title="Harbour")
        self.consenting = False

    def add(self, name: str) -> None:
        getattr(self, f"add_{name}")()

    def add_photos(self):
        self.upload(self.alice, title="More")

    def add_albums(self):
        album_create(owner=self.alice, title="Album")

    def add_followers(self):
        follow_create(follower=self.make_user(), followee=self.alice)

    def add_following(self):
        follow_create(follower=self.alice, followee=self.make_user())

    def add_comments(self):
        comment_post(author=self.bob, photo_id=self.photo.pk, body="Nice light.")

    def add_notices(self):
        notice_on(self.upload(self.bob, title="Reported"), self.alice)

    def add_queue(self):
        notice_on(self.upload(self.bob, title="Reported"), self.alice)

    def add_history(self):
        self.consenting = not self.consenting
        answer = self.api(self.alice).put("/me/consent", {"research_datasets": self.consenting})
        assert answer.status_code == 200


LISTS = {
    "photos": ("/photos", "id", None),
    "albums": ("/albums", "id", None),
    "followers": ("/users/alice/followers", "username", None),
    "following": ("/users/alice/following", "username", None),
    "comments": ("/photos/{photo}/comments", "id", None),
    "notices": ("/me/notices", "reference", "alice"),
    "queue": ("/moderation/queue", "id", "mod"),
    "history": ("/me/consent/history", "id", "alice"),
}


@pytest.fixture
def lists(alice, bob, mod, make_user, upload, api):
    return Lists(alice, bob, mod, make_user, upload, api)


def caller(lists, who):
    return lists.api(getattr(lists, who) if who else None)


def walk(client, path: str, key: str, between) -> list:
    """Follow `next` links (full URLs) from the first page of two items."""
    answer = client.get(path, limit=2).json()
    seen = [item[key] for item in answer["items"]]
    while answer["next"]:
        between()
        assert answer["next"].startswith(f"http://testserver{API}{path}?")
        answer = client.client.get(answer["next"], headers=client.headers).json()
        seen += [item[key] for item in answer["items"]]
    return seen


@pytest.mark.parametrize("name", LISTS)
def test_paging_by_cursor_gives_every_item_once_in_order_while_items_are_added(lists, name):
    path, key, who = LISTS[name]
    path = path.format(photo=lists.photo.pk)
    for _ in range(5):
        lists.add(name)
    client = caller(lists, who)
    before = [item[key] for item in client.get(path, limit=100).json()["items"]]
    assert len(before) >= 5
    seen = walk(client, path, key, lambda: lists.add(name))
    after = [item[key] for item in client.get(path, limit=100).json()["items"]]
    assert len(seen) == len(set(seen)), "an item came twice"
    assert set(before) <= set(seen), "an item was skipped"
    assert seen == [item for item in after if item in seen], "out of order"


EVERY_LIST = [
    ("/photos", None),
    ("/albums", None),
    ("/users/alice/followers", None),
    ("/users/alice/following", None),
    ("/photos/{photo}/comments", None),
    ("/me/statements", "alice"),
    ("/me/notices", "alice"),
    ("/me/consent/history", "alice"),
    ("/me/exports", "alice"),
    ("/moderation/queue", "mod"),
    ("/moderation/appeals", "mod"),
]


@pytest.mark.parametrize("path,who", EVERY_LIST)
@pytest.mark.parametrize("cursor", ["nonsense", "eyJrIjpbMV0sImQiOiJhIn0:forged", "é" * 50])
def test_a_malformed_cursor_answers_400_with_a_message(lists, path, who, cursor):
    response = caller(lists, who).get(path.format(photo=lists.photo.pk), cursor=cursor)
    assert response.status_code == 400
    assert "cursor" in response.json()["detail"]


@pytest.mark.parametrize("path,who", EVERY_LIST)
def test_an_offset_past_ten_thousand_answers_400_naming_the_cursor(lists, path, who):
    client = caller(lists, who)
    path = path.format(photo=lists.photo.pk)
    assert client.get(path, offset=MAX_OFFSET).status_code == 200
    response = client.get(path, offset=MAX_OFFSET + 1)
    assert response.status_code == 400
    assert "cursor" in response.json()["detail"]


def test_a_cursor_and_an_offset_together_are_refused(lists):
    lists.add_photos()
    lists.add_photos()
    first = lists.api().get("/photos", limit=1).json()
    response = lists.api().get("/photos", cursor=first["next_cursor"], offset=3)
    assert response.status_code == 400 and "not both" in response.json()["detail"]


COUNTING = re.compile(r"\bCOUNT\s*\(\s*\*", re.IGNORECASE)


@pytest.mark.parametrize("path,who", EVERY_LIST)
def test_no_list_request_counts_rows(lists, path, who):
    """No COUNT(*) over the list (the moderation queue's per-case notice count is a
    correlated count of one case's notices, not of the list)."""
    for name in ("photos", "comments", "albums", "followers", "queue"):
        lists.add(name)
        lists.add(name)
    client = caller(lists, who)
    path = path.format(photo=lists.photo.pk)
    first = client.get(path, limit=1).json()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path, limit=1).status_code == 200
        if first["next_cursor"]:
            assert client.get(path, limit=1, cursor=first["next_cursor"]).status_code == 200
    counting = [q["sql"] for q in captured if COUNTING.search(q["sql"])]
    assert counting == []
    assert not any(q["sql"].lstrip().upper().startswith("SELECT COUNT(") for q in captured)


def test_the_trainers_feed_gives_a_next_link_and_a_clear_answer_to_a_huge_cursor(db):
    answer = ApiClient().get("/trainers/changes").json()
    assert answer["next"] == f"http://testserver{API}/trainers/changes?cursor=0.0"
    huge = ApiClient().get("/trainers/changes", cursor=f"{2**70}.{2**70}")
    assert huge.status_code == 200 and huge.json()["items"] == []
