"""Back up and restore as docs/deploy.md says: pg_dump of a populated database, a copy of
the media storage, the same secret key; restored into an empty database and an empty
data directory, everything is found: every row, every file (`manage.py media_check`
clean) and the moderation event log's hash chain (`manage.py verify_event_log`)."""

import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest
from django.db import connection
from psycopg import sql

from moderation.models import Notice
from photos.models import Photo
from tests.moderation.conftest import rules  # noqa: F401 - transactional tests flush them

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="pg_dump and pg_restore need PostgreSQL"
    ),
]


def _tool(name: str) -> str:
    bindirs = sorted(Path("/usr/lib/postgresql").glob("*/bin"))
    found = [d / name for d in bindirs if (d / name).exists()]
    return str(found[-1]) if found else (shutil.which(name) or pytest.fail(f"{name} missing"))


def _conninfo(dbname: str) -> str:
    s = connection.settings_dict
    return psycopg.conninfo.make_conninfo(
        host=s["HOST"],
        port=s["PORT"] or 5432,
        user=s["USER"],
        password=s["PASSWORD"] or None,
        dbname=dbname,
    )


def _row_counts(dbname: str) -> dict[str, int]:
    with psycopg.connect(_conninfo(dbname)) as db:
        tables = [
            row[0]
            for row in db.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
            )
        ]
        count = sql.SQL("SELECT count(*) FROM {}")
        return {t: db.execute(count.format(sql.Identifier(t))).fetchone()[0] for t in tables}


def _manage(data_dir: Path, dbname: str, *args: str) -> subprocess.CompletedProcess:
    s = connection.settings_dict
    env = {k: v for k, v in os.environ.items() if not k.startswith("CANDID_")}
    env.update(
        CANDID_DATA_DIR=str(data_dir),
        CANDID_STORAGE="local",
        DATABASE_URL=f"postgres://{s['USER']}@{s['HOST']}:{s['PORT'] or 5432}/{dbname}",
    )
    return subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def restored_db():
    name = f"candid_restore_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(_conninfo("postgres"), autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    yield name
    with psycopg.connect(_conninfo("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_backup_restores_into_an_empty_database_and_storage(
    alice, bob, upload, report, media_dir, tmp_path, restored_db
):
    photos = [upload(alice, title=f"Photo {n}", visibility="public") for n in range(3)]
    upload(bob, title="Bob's", visibility="private")
    report(photos[0])
    source = connection.settings_dict["NAME"]
    assert Photo.objects.count() == 4 and Notice.objects.count() == 1

    # The backup: a custom-format dump, a copy of the media, the secret key (the tests').
    dump = tmp_path / "candid.dump"
    subprocess.run(  # noqa: S603 - the PostgreSQL client tools
        [
            _tool("pg_dump"),
            "--format=custom",
            "--no-owner",
            f"--file={dump}",
            f"--dbname={_conninfo(source)}",
        ],
        check=True,
        capture_output=True,
    )
    backup_media = tmp_path / "backup" / "media"
    shutil.copytree(media_dir, backup_media)
    assert any(backup_media.rglob("*.jpg"))

    # The restore, into an empty database and an empty data directory.
    subprocess.run(  # noqa: S603 - the PostgreSQL client tools
        [
            _tool("pg_restore"),
            "--no-owner",
            "--exit-on-error",
            f"--dbname={_conninfo(restored_db)}",
            str(dump),
        ],
        check=True,
        capture_output=True,
    )
    data_dir = tmp_path / "restored-data"
    shutil.copytree(backup_media, data_dir / "media")

    assert _row_counts(restored_db) == _row_counts(source)
    checked = _manage(data_dir, restored_db, "media_check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "0 orphaned files, 0 missing files." in checked.stdout
    verified = _manage(data_dir, restored_db, "verify_event_log")
    assert verified.returncode == 0, verified.stdout + verified.stderr

    # The check looks at the restored files: one lost original is named.
    lost = Photo.objects.get(pk=photos[1].pk).original
    (data_dir / "media" / lost).unlink()
    checked = _manage(data_dir, restored_db, "media_check")
    assert checked.returncode == 1 and f"missing file (row without file): {lost}" in checked.stdout
