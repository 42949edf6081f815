"""Two Candid instances federating for real: alice on A follows bob on B, bob's new public
photo reaches alice's feed on A, alice likes and answers it and bob sees both on B; when
bob makes the photo private it disappears on A; once B blocks A's server nothing more arrives.

Each instance is its own gunicorn process with its own database (both passes of the test
command: SQLite files, or two databases on the test PostgreSQL server)."""

import os
import uuid

import psycopg
import pytest
import requests

from tests.federation.instances import Instance

MEMBER = """
from accounts.models import User
from accounts.services import token_create
user = User.objects.create_user(
    username={name!r}, email={name!r} + "@example.org", password="x-" * 8
)
result = {{"token": token_create(user=user, name="test", scopes=["read", "write"])[1]}}
"""
UPLOAD = """
import io
from accounts.models import User
from photos.samples import sample_jpeg
from photos.services import photo_upload
data = sample_jpeg(800, 600, seed=7)
photo = photo_upload(owner=User.objects.get(username="bob"), file=io.BytesIO(data),
    filename="harbour.jpg", size=len(data), title="Harbour at dusk", visibility="public")
result = {"id": photo.pk}
"""
REMOTE_FOLLOWS = """
from federation.models import RemoteFollow
result = {"count": RemoteFollow.objects.count()}
"""
MAKE_PRIVATE = """
from photos.models import Photo
from photos.services import photo_update
p = Photo.objects.get(pk={pk})
photo_update(actor=p.owner, photo=p, title=p.title, description=p.description, tags=[],
    licence=p.licence, visibility="private", show_location=p.show_location)
result = {{}}
"""


def _databases(request):
    """Two empty PostgreSQL databases in the PostgreSQL pass, else None (SQLite files)."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        return [None, None]
    names = [f"candid_fed_{side}_{uuid.uuid4().hex[:8]}" for side in "ab"]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        for name in names:
            connection.execute(f'CREATE DATABASE "{name}"')

    def drop():
        with psycopg.connect(admin, autocommit=True) as connection:
            for name in names:
                connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    request.addfinalizer(drop)
    return [url.rsplit("/", 1)[0] + "/" + name for name in names]


@pytest.fixture(scope="module")
def instances(tmp_path_factory, request):
    base = tmp_path_factory.mktemp("federation")
    urls = _databases(request)
    a, b = Instance("a", base, urls[0]), Instance("b", base, urls[1])
    try:
        a.start()
        b.start()
        yield a, b
    finally:
        a.stop()
        b.stop()


def api(instance, token):
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {token}"
    session.base = instance.url + "/api/v1"
    return session


def test_follow_post_and_retract_across_two_instances(instances):
    a, b = instances
    alice = api(a, a.python(MEMBER.format(name="alice"))["token"])
    b.python(MEMBER.format(name="bob"))

    followed = alice.post(f"{alice.base}/users/bob@{b.host}/follow", timeout=60)
    assert followed.status_code == 200, followed.text
    assert followed.json()["following"] == "accepted"  # B accepted while A waited

    photo = b.python(UPLOAD)["id"]
    b.manage("federation_upkeep")
    feed = alice.get(f"{alice.base}/feed", timeout=30).json()["items"]
    remote = [item["remote"] for item in feed if item["kind"] == "remote"]
    assert [post["uri"] for post in remote] == [f"{b.url}/photos/{photo}/"]
    assert "Harbour at dusk" in remote[0]["text"]
    assert remote[0]["author"] == "@bob@127.0.0.1"
    assert remote[0]["images"][0]["url"].startswith(f"{b.url}/r/{photo}/")

    post = remote[0]["id"]
    assert alice.post(f"{alice.base}/remote-posts/{post}/like", timeout=60).status_code == 204
    answer = {"text": "Lovely light, Bob!"}
    replied = alice.post(f"{alice.base}/remote-posts/{post}/replies", json=answer, timeout=60)
    assert replied.status_code == 204
    assert requests.get(f"{b.url}/api/v1/photos/{photo}/fediverse", timeout=30).json() == {
        "likes": 1
    }
    replies = requests.get(f"{b.url}/api/v1/photos/{photo}/remote-replies", timeout=30).json()
    assert [(r["author"], r["text"]) for r in replies["items"]] == [
        ("@alice@127.0.0.1", "Lovely light, Bob!")
    ]

    b.python(MAKE_PRIVATE.format(pk=photo))
    b.manage("federation_upkeep")
    feed = alice.get(f"{alice.base}/feed", timeout=30).json()["items"]
    assert not [item for item in feed if item["kind"] == "remote"]

    b.manage("federation_domain", "127.0.0.1", "--kind", "block", "--reason", "Test block")
    alice.delete(f"{alice.base}/users/bob@{b.host}/follow", timeout=60)
    again = alice.post(f"{alice.base}/users/bob@{b.host}/follow", timeout=60)
    assert again.json()["following"] == "pending"  # B refused the Follow: nothing arrives
    assert b.python(REMOTE_FOLLOWS) == {"count": 0}
