"""The PDQ index checkpoint: the worker builds it, web processes memory-map it, a new build
is picked up without a restart, and a build killed halfway is never read."""

import os
import time

import numpy as np
import pytest

from consent.lookup.pdq_index import reset_shared_index, shared_index
from consent.services.manifests import manifest_import
from consent.services.pdq_index import pdq_index_build

HEADER = "photo_id,owner_id,owner_name,url,licence,pdq\n"
FIRST = "a1" * 32
SECOND = "5c" * 32


@pytest.fixture(autouse=True)
def fresh_index(settings):
    settings.CANDID_LOOKUP_REFRESH_SECONDS = 0
    reset_shared_index()
    yield
    reset_shared_index()


def imported(tmp_path, name: str, pdq: str):
    path = tmp_path / f"{name}.csv"
    path.write_text(HEADER + f"1,o,kim,http://f/1.jpg,CC BY,{pdq}\n")
    return manifest_import(path=path, name=name, version="1", contact="ask@example.org")


def found(pdq: str) -> list:
    index = shared_index()
    index.ensure_fresh()
    return index.search(np.frombuffer(bytes.fromhex(pdq), np.uint8).reshape(1, 32))


@pytest.mark.django_db
def test_build_writes_a_checkpoint_the_web_index_maps(tmp_path, settings):
    imported(tmp_path, "One", FIRST)
    checkpoint = pdq_index_build()
    assert checkpoint.path.parent == settings.CANDID_PDQ_DIR and checkpoint.path.exists()
    (hit,) = found(FIRST)
    assert hit.source == "manifest" and hit.distance == 0
    index = shared_index()
    assert isinstance(index.base, np.memmap)
    assert index.nbytes() == 0  # nothing loaded in-process: the hit came from the map


@pytest.mark.django_db
def test_a_new_build_is_picked_up_without_restart(tmp_path):
    imported(tmp_path, "One", FIRST)
    first = pdq_index_build()
    assert found(FIRST) and not found("00" * 32)
    imported(tmp_path, "Two", SECOND)
    second = pdq_index_build()
    assert second.version != first.version
    (hit,) = found(SECOND)
    assert hit.distance == 0
    assert shared_index().nbytes() == 0 and len(shared_index()) == 2


@pytest.mark.django_db
def test_a_build_killed_before_its_rename_is_never_read(tmp_path, settings, monkeypatch):
    imported(tmp_path, "One", FIRST)
    first = pdq_index_build()
    assert found(FIRST)
    imported(tmp_path, "Two", SECOND)

    def killed(source, target):
        with open(source, "r+b") as f:  # a kill mid-write leaves a truncated temp file
            f.truncate(os.path.getsize(source) // 2)
        raise KeyboardInterrupt("killed between temp write and rename")

    monkeypatch.setattr(os, "replace", killed)
    with pytest.raises(KeyboardInterrupt):
        pdq_index_build()
    monkeypatch.undo()
    leftovers = [p.name for p in settings.CANDID_PDQ_DIR.iterdir() if p.name.endswith(".tmp")]
    assert leftovers
    reset_shared_index()  # a process starting now
    (hit,) = found(FIRST)
    assert hit.distance == 0 and shared_index().base is not None
    assert shared_index()._checkpoint.version == first.version
    for leftover in leftovers:  # an hour later, the next build removes what the kill left
        os.utime(settings.CANDID_PDQ_DIR / leftover, (time.time() - 7200,) * 2)
    pdq_index_build()
    assert not [p for p in settings.CANDID_PDQ_DIR.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.django_db
def test_without_a_checkpoint_the_index_loads_in_process(tmp_path, settings):
    imported(tmp_path, "One", FIRST)
    (hit,) = found(FIRST)
    assert hit.distance == 0
    assert shared_index().base is None and shared_index().nbytes() > 0
    assert not settings.CANDID_PDQ_DIR.exists()


@pytest.mark.django_db
def test_manifest_import_rebuilds_the_checkpoint(
    tmp_path, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        imported(tmp_path, "One", FIRST)
    assert (settings.CANDID_PDQ_DIR / "current").exists()
    found(FIRST)
    assert isinstance(shared_index().base, np.memmap)
