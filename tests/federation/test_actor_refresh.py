"""Accounts elsewhere are re-fetched when stale (issue 19), by the worker and never in the
web request that shows them (federation/freshness.py), against a real peer over HTTP."""

from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from accounts.services import token_create
from federation.freshness import (
    REFRESH_TASK,
    STALE_AFTER,
    actor_refresh_queue,
    remote_actor_renew,
    stale_followed_enqueue,
)
from federation.models import OutgoingFollow, RemoteActor
from federation.remote_actors import actor_refresh
from federation.upkeep import federation_upkeep

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = DATABASE_TASKS


def carol_stored(peer, *, age: timedelta) -> RemoteActor:
    """Carol as fetched `age` ago; the peer now serves her new name."""
    peer.actor("carol")["name"] = "Carol Old"
    actor = actor_refresh(f"{peer.base}/users/carol")
    RemoteActor.objects.filter(pk=actor.pk).update(fetched_at=timezone.now() - age)
    peer.documents["/users/carol"]["name"] = "Carol New"
    return RemoteActor.objects.get(pk=actor.pk)


def address(peer, name: str) -> str:
    return f"@{name}@{urlsplit(peer.base).netloc}"


def queued() -> list:
    return list(DBTaskResult.objects.filter(task_path=REFRESH_TASK, status="READY"))


def run_worker():
    """The real worker, in this process (it closes the connection: transactional_db)."""
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload")


@pytest.mark.django_db(transaction=True)
def test_a_stale_account_shown_is_refreshed_by_the_worker_not_the_request(
    federating, peer, database_tasks, client, alice
):
    carol = carol_stored(peer, age=STALE_AFTER + timedelta(hours=1))
    client.force_login(alice)
    fetches = len(peer.fetched)

    first = client.get(reverse("search"), {"q": address(peer, "carol")})
    again = client.get(reverse("search"), {"q": carol.uri})

    assert len(peer.fetched) == fetches  # no fetch inside either request
    assert "Carol Old" in first.content.decode() and "Carol Old" in again.content.decode()
    [task] = queued()  # one task, however often she is shown
    assert task.args_kwargs["args"] == [carol.pk]

    run_worker()

    carol.refresh_from_db()
    assert carol.display_name == "Carol New"
    assert carol.fetched_at > timezone.now() - timedelta(minutes=1)
    assert peer.fetched[fetches:] == ["/users/carol"]


def test_a_fresh_account_is_shown_without_a_fetch_or_a_task(
    federating, peer, database_tasks, client, alice, django_capture_on_commit_callbacks
):
    carol = carol_stored(peer, age=timedelta(hours=2))
    client.force_login(alice)
    fetches = len(peer.fetched)

    with django_capture_on_commit_callbacks(execute=True):
        page = client.get(reverse("search"), {"q": address(peer, "carol")})

    assert "Carol Old" in page.content.decode()
    assert len(peer.fetched) == fetches and not queued()
    assert remote_actor_renew(carol.pk) == "fresh"  # a task for it would not fetch either
    assert len(peer.fetched) == fetches
    carol.refresh_from_db()
    assert carol.display_name == "Carol Old"


def test_an_unknown_account_is_still_fetched_when_searched(
    federating, peer, database_tasks, client, alice, django_capture_on_commit_callbacks
):
    """The search's own fetch (lookup.py), as before: there is nothing stored to show."""
    peer.actor("dora")["name"] = "Dora Remote"
    client.force_login(alice)

    with django_capture_on_commit_callbacks(execute=True):
        page = client.get(reverse("search"), {"q": f"{peer.base}/users/dora"})

    assert "Dora Remote" in page.content.decode()
    assert RemoteActor.objects.get(username="dora").display_name == "Dora Remote"
    assert not queued()


@pytest.mark.django_db
def test_a_failed_refresh_keeps_the_stored_account_and_is_not_queued_again_at_once(
    federating, peer, database_tasks, django_capture_on_commit_callbacks
):
    carol = carol_stored(peer, age=STALE_AFTER * 2)
    peer.documents["/users/carol"]["id"] = f"{peer.base}/users/someone-else"  # a bad answer
    with django_capture_on_commit_callbacks(execute=True):
        assert actor_refresh_queue(carol) is True

    outcome = remote_actor_renew(carol.pk)

    assert outcome.startswith("not refreshed")
    carol.refresh_from_db()
    assert (carol.display_name, carol.uri) == ("Carol Old", f"{peer.base}/users/carol")
    with django_capture_on_commit_callbacks(execute=True):
        assert actor_refresh_queue(carol) is False
    assert len(queued()) == 1


def stale_followed(alice, name: str, days: int, followed: bool = True) -> RemoteActor:
    actor = RemoteActor.objects.create(
        uri=f"https://mastodon.example/users/{name}",
        domain="mastodon.example",
        username=name,
        inbox=f"https://mastodon.example/users/{name}/inbox",
        fetched_at=timezone.now() - timedelta(days=days),
    )
    if followed:
        OutgoingFollow.objects.create(follower=alice, followee=actor, state="accepted")
    return actor


@pytest.mark.django_db
def test_the_upkeep_queues_a_bounded_batch_of_the_stalest_followed_accounts(
    federating, database_tasks, alice, django_capture_on_commit_callbacks
):
    oldest = stale_followed(alice, "oldest", 30)
    older = stale_followed(alice, "older", 20)
    old = stale_followed(alice, "old", 10)
    stale_followed(alice, "unfollowed", 40, followed=False)
    stale_followed(alice, "fresh", 0)

    with django_capture_on_commit_callbacks(execute=True):
        assert stale_followed_enqueue(limit=2) == 2
    assert sorted(t.args_kwargs["args"][0] for t in queued()) == sorted([oldest.pk, older.pk])

    with django_capture_on_commit_callbacks(execute=True):
        assert federation_upkeep()["actors_refresh_queued"] == 1
        assert stale_followed_enqueue(limit=2) == 0  # each queued once in the stale window
    assert {t.args_kwargs["args"][0] for t in queued()} == {oldest.pk, older.pk, old.pk}


def test_the_api_lookup_answers_a_stale_account_as_stored_and_queues_its_refresh(
    federating, peer, database_tasks, client, alice, django_capture_on_commit_callbacks
):
    carol = carol_stored(peer, age=STALE_AFTER * 3)
    secret = token_create(user=alice, name="test", scopes=["read"])[1]
    fetches = len(peer.fetched)

    with django_capture_on_commit_callbacks(execute=True):
        answer = client.get(
            "/api/v1/remote-accounts",
            {"q": address(peer, "carol")},
            HTTP_AUTHORIZATION=f"Bearer {secret}",
        )

    assert answer.status_code == 200 and answer.json()["name"] == "Carol Old"
    assert len(peer.fetched) == fetches
    assert [t.args_kwargs["args"] for t in queued()] == [[carol.pk]]
