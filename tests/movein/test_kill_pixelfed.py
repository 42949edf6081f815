"""A real `manage.py worker` killed with SIGKILL while it fetches a Pixelfed export's
images (the member asked for them) from a real HTTP server on 127.0.0.1: the new worker
passes over what the dead one committed, without fetching it again, and fetches and
imports the rest, each image once (PostgreSQL, real processes: tests/faults)."""

import time

import pytest
from django.db import connection

from photos.models import Photo
from photos.samples import sample_jpeg
from rights.models import ImportRun
from rights.services.movein import movein_request
from tests.faults.processes import child_env, manage, manage_killed_at
from tests.faults.test_kill import LEASE, assert_clean, ok
from tests.movein.media_server import MediaServer
from tests.movein.test_pixelfed_fetch import post, write_export
from tests.pausing import Pause

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="kills writers: PostgreSQL"),
    pytest.mark.django_db(transaction=True),
]
WORKER = ("worker", "--batch", "--no-startup-delay")


def test_worker_killed_mid_fetch_resumes_and_fetches_each_image_once(
    bob, settings, monkeypatch, tmp_path
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    media = MediaServer()
    try:
        urls = [
            media.image(f"/storage/m/_v2/1/{name * 12}.jpg", sample_jpeg(320, 240, seed=n))
            for n, name in enumerate("abc")
        ]
        gone = f"{media.base}/storage/m/_v2/1/{'d' * 12}.jpg"
        folder = write_export(
            tmp_path / "pixelfed", [post(1, urls[:2]), post(2, urls[2:]), post(3, [gone])]
        )
        with (
            open(f"{folder}/outbox.json", "rb") as outbox,
            open(f"{folder}/account.json", "rb") as a,
        ):
            run = movein_request(
                actor=bob,
                user=bob,
                files=[("outbox.json", outbox), ("account.json", a)],
                fetch_media=True,
            )
        assert (run.state, run.source, run.fetch_media) == ("queued", "pixelfed", True)
        pause = Pause(monkeypatch, tmp_path / "pause", "import.photo")
        local = {"CANDID_TASKS": "database", "CANDID_FEDERATION_ALLOW_LOCAL": "1"}
        env = child_env(tmp_path, pause, CANDID_PAUSE_SKIP="1", **local)
        manage_killed_at(pause, *WORKER, env=env)  # killed after its second photo
        run.refresh_from_db()
        assert (run.state, run.done, run.total) == ("running", 2, 4)  # the progress shown
        assert Photo.objects.filter(owner=bob).count() == 2
        time.sleep(LEASE)
        ok(manage(*WORKER, env=child_env(tmp_path, **local)))
        run.refresh_from_db()
        assert (run.state, run.done, run.photos, run.skipped) == ("completed", 4, 3, 1)
        assert sorted(Photo.objects.values_list("origin__external_id", flat=True)) == [
            "a" * 12,
            "b" * 12,
            "c" * 12,
        ]
        assert [media.hits[f"/storage/m/_v2/1/{n * 12}.jpg"] for n in "abc"] == [1, 1, 1]
        assert ImportRun.objects.count() == 1
        assert_clean()
    finally:
        media.close()
