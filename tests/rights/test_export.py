import hashlib
import json
from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.services import token_create
from core.errors import PermissionDenied, ServiceError
from core.models import Event
from core.states import IllegalTransition
from photos.services import album_create, album_set_photos
from rights import states
from rights.models import DataExport
from rights.services.exports import export_build
from social.audience_services import follow_request_accept
from social.services import comment_post, favourite_add, follow_create
from tests.rights.conftest import open_archive


@pytest.fixture
def busy_alice(alice, bob, make_user, upload, report, decide):
    """alice with photos, an album, follows both ways, favourites, comments, a token, a
    notice she filed and a decision (with statement) about her content."""
    first = upload(alice, title="Harbour", description="At night", tags="sea night")
    second = upload(alice, title="Dunes", visibility="followers", licence="cc-by")
    album = album_create(owner=alice, title="Coast")
    album_set_photos(actor=alice, album=album, photo_ids=[second.pk, first.pk])
    carol = make_user("carol")
    follow_create(follower=alice, followee=bob)
    follow_create(follower=carol, followee=alice)  # alice has a followers-only photo:
    follow_request_accept(followee=alice, follower=carol)  # she accepts
    bobs = upload(bob, title="Bob's")
    favourite_add(user=alice, photo_id=bobs.pk)
    comment_post(author=alice, photo_id=bobs.pk, body="Lovely light")
    comment_post(author=bob, photo_id=first.pk, body="Great harbour")
    token_create(user=alice, name="script", scopes=["read"])
    report(bobs, notifier=alice, explanation="This mocks me.")
    decide(report(second).case)
    return alice


def test_export_holds_every_part_of_the_account(busy_alice, exported):
    export = exported(busy_alice)
    assert export.state == "ready" and export.photo_count == 2
    assert export.expires_at - export.finished_at == timedelta(days=7)
    archive = open_archive(export)
    names = set(archive.namelist())
    for name in (
        "README.md",
        "manifest.json",
        "account/profile.json",
        "account/api_tokens.json",
        "photos/photos.json",
        "albums/albums.json",
        "social/following.json",
        "social/followers.json",
        "social/favourites.json",
        "social/comments_written.json",
        "social/comments_received.json",
        "moderation/statements.json",
        "moderation/notices_filed.json",
        "moderation/notices_about_you.json",
        "moderation/appeals.json",
        "consent/history.json",
        "rights/exports.json",
    ):
        assert name in names, name
    read = lambda name: json.loads(archive.read(name))  # noqa: E731
    photos = read("photos/photos.json")
    assert {p["title"] for p in photos} == {"Harbour", "Dunes"}
    harbour = next(p for p in photos if p["title"] == "Harbour")
    assert set(harbour["tags"]) == {"sea", "night"}
    assert {r["size"] for r in harbour["renditions"]} >= {"small", "large"}
    for record in photos:
        assert hashlib.sha256(archive.read(record["file"])).hexdigest() == record["sha256"]
    album = read("albums/albums.json")[0]
    assert album["title"] == "Coast"
    assert album["photo_ids"] == [photos[1]["id"], photos[0]["id"]]
    assert read("social/following.json")[0]["username"] == "bob"
    assert read("social/followers.json")[0]["username"] == "carol"
    assert read("social/comments_written.json")[0]["body"] == "Lovely light"
    assert read("social/comments_received.json")[0]["author"] == "bob"
    assert read("moderation/notices_filed.json")[0]["your_explanation"] == "This mocks me."
    statement = read("moderation/statements.json")[0]
    assert statement["action"] == "remove" and statement["statement"]["puid"]
    assert read("account/profile.json")["email"] == "alice@example.org"
    assert "layout" in archive.read("README.md").decode().lower()


def test_export_never_contains_token_secrets_or_hashes(alice, exported):
    token, secret = token_create(user=alice, name="cli", scopes=["read", "write"])
    archive = open_archive(exported(alice))
    everything = b"".join(archive.read(n) for n in archive.namelist())
    assert secret.encode() not in everything
    assert token.token_hash.encode() not in everything
    assert json.loads(archive.read("account/api_tokens.json"))[0]["name"] == "cli"


def test_notices_about_you_leave_out_who_filed_them(alice, bob, upload, report, exported):
    report(upload(alice), notifier=bob, explanation="secret reporter words")
    archive = open_archive(exported(alice))
    about = archive.read("moderation/notices_about_you.json").decode()
    assert "bob" not in about and "secret reporter words" not in about
    assert json.loads(about)[0]["ground"] == "rules"


@pytest.mark.parametrize("restriction", ["suspended_until", "terminated_at"])
def test_suspended_or_terminated_user_can_still_export(alice, upload, exported, restriction):
    upload(alice)
    setattr(alice, restriction, timezone.now() + timedelta(days=3))
    alice.save()
    export = exported(alice)
    assert export.state == "ready" and export.photo_count == 1


def test_export_of_someone_elses_account_is_refused_and_changes_nothing(alice, bob):
    from rights.services.exports import export_request

    with pytest.raises(PermissionDenied, match="your own account"):
        export_request(actor=bob, user=alice)
    assert not DataExport.objects.exists()
    assert not Event.objects.filter(kind__startswith="rights.").exists()


def test_second_export_while_one_is_being_built_is_refused(alice):
    from rights.services.exports import export_request

    DataExport.objects.create(
        user=alice, token="t" * 40, state="building", requested_at=timezone.now()
    )
    with pytest.raises(ServiceError, match="already being prepared"):
        export_request(actor=alice, user=alice)
    assert DataExport.objects.count() == 1


def test_export_lifecycle_is_logged_without_personal_data(alice, upload, exported):
    upload(alice)
    export = exported(alice)
    kinds = list(
        Event.objects.filter(kind__startswith="rights.export").values_list("kind", flat=True)
    )
    assert kinds == [
        "rights.export_requested",
        "rights.export_building",
        "rights.export_ready",
    ]
    for event in Event.objects.filter(kind__startswith="rights."):
        assert "alice" not in json.dumps(event.data)
        assert event.data["export_id"] == export.pk


def test_export_state_graph_refuses_undeclared_moves():
    states.EXPORT.check("requested", "building")
    states.EXPORT.check("ready", "expired")
    with pytest.raises(IllegalTransition):
        states.EXPORT.check("ready", "building")
    with pytest.raises(IllegalTransition):
        states.EXPORT.check("expired", "ready")


def test_building_a_finished_export_again_is_refused(alice, exported):
    export = exported(alice)
    with pytest.raises(IllegalTransition):
        export_build(export_id=export.pk)
    export.refresh_from_db()
    assert export.state == "ready"


def test_a_build_that_breaks_ends_failed_and_leaves_no_file(
    alice, monkeypatch, exported, media_dir
):
    def broken(user, writer):
        raise RuntimeError("disk full")

    import accounts.privacy

    monkeypatch.setattr(accounts.privacy, "export", broken)
    export = exported(alice)
    assert export.state == "failed" and export.file == ""
    assert not (media_dir / "exports").exists() or not any((media_dir / "exports").rglob("*"))
    assert Event.objects.filter(kind="rights.export_failed").count() == 1
