"""Benchmark of "am I in a dataset?": manifest import, owner lookup, PDQ near-duplicate search.

    python bench/consent_lookup.py --rows 1000000            # SQLite only
    CANDID_PG_PORT=54650 scripts/with-postgres.sh .venv/bin/python bench/consent_lookup.py \\
        --rows 10000000                                      # PostgreSQL and SQLite

1. Generates a YFCC100M-like CSV manifest of --rows rows (30% with a PDQ hash).
2. For each database (PostgreSQL when DATABASE_URL is set, and SQLite), in a child process
   with a fresh database: a bare bulk load of the same file into a table of the same shape
   and indexes (COPY ... FORMAT csv on PostgreSQL, csv.reader + executemany on SQLite), then
   `manifest_import` (goal: within 1.5x); an owner lookup by id and by name against a bare
   indexed SELECT (goal: within 2x); how long a newly added row takes to become searchable
   and a deleted dataset to stop matching (goal: under a minute).
3. Near-duplicate search of one image's eight dihedral variants over 1,000,000 and
   10,000,000 hashes (--search-sizes) against faiss IndexBinaryFlat range search over the
   same hashes, the faster of its default threads and one thread (goal: within 2x;
   faiss is only needed here), and the whole lookup incl.
   decoding and hashing a 12-megapixel JPEG at 1,000,000 (goal: under 100 ms median).
"""

import argparse
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if __name__ == "__main__":
    sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != str(ROOT / "bench")]
    sys.path.insert(0, str(ROOT))


def main() -> None:
    args = _arguments()
    if args.phase == "db":
        _db_phase(args)
        return
    if args.phase == "search":
        _search_phase(args)
        return
    from consent.manifests.generate import write_manifest

    with tempfile.TemporaryDirectory(prefix="candid-lookup-bench-") as tmp:
        path = Path(tmp) / "manifest.csv"
        started = time.perf_counter()
        write_manifest(path, args.rows, progress=_bar("generate", args.rows))
        print(
            f"\ngenerated {args.rows:,} rows, {path.stat().st_size / 1e6:,.0f} MB in "
            f"{time.perf_counter() - started:.1f} s",
            flush=True,
        )
        if os.environ.get("DATABASE_URL", "").startswith("postgres"):
            _child(args, path, tmp, "db", keep_database_url=True)
        _child(args, path, tmp, "db", keep_database_url=False)
    _child(args, None, None, "search", keep_database_url=False)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--search-sizes", default="1000000,10000000")
    parser.add_argument("--phase", default="all", choices=["all", "db", "search"])
    parser.add_argument("--file", type=Path)
    return parser.parse_args()


def _child(args, path, tmp, phase: str, *, keep_database_url: bool) -> None:
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="candid.settings", DEBUG="0", LOG_LEVEL="ERROR")
    if not keep_database_url:
        env.pop("DATABASE_URL", None)
    data_dir = tempfile.mkdtemp(prefix="candid-lookup-db-", dir=tmp)
    env["CANDID_DATA_DIR"] = data_dir
    command = [
        sys.executable,
        __file__,
        "--phase",
        phase,
        "--rows",
        str(args.rows),
        "--search-sizes",
        args.search_sizes,
    ]
    if path:
        command += ["--file", str(path)]
    subprocess.run(command, env=env, check=True)


def _setup():
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _bar(label: str, total: int):
    """A progress bar on one terminal line (no dependency)."""
    started = time.perf_counter()

    def show(done: int, *_):
        width = 30
        filled = int(width * min(done, total) / max(total, 1))
        rate = done / max(time.perf_counter() - started, 1e-9)
        print(
            f"\r  {label:18} [{'#' * filled}{'.' * (width - filled)}] {done:>11,} rows "
            f"{rate:>10,.0f}/s",
            end="",
            flush=True,
        )

    return show


def _ratio_line(name: str, mine: float, bare: float, goal: float, unit="s") -> dict:
    ratio = mine / bare if bare else float("inf")
    scale = 1000 if unit == "ms" else 1
    print(
        f"{name:44} {mine * scale:10.3f} {unit} vs bare {bare * scale:10.3f} {unit}  "
        f"ratio {ratio:5.2f}  goal <= {goal}x {'MET' if ratio <= goal else 'NOT MET'}",
        flush=True,
    )
    return {"name": name, "mine": mine, "bare": bare, "ratio": ratio, "goal": goal}


def _db_phase(args) -> None:
    _setup()
    from django.db import connection

    from consent.services.manifests import manifest_import

    vendor = connection.vendor
    print(f"\n== {vendor}: {args.rows:,} rows ==", flush=True)
    bare = _bare_load(args.file, args.rows)
    started = time.perf_counter()
    report = manifest_import(
        path=args.file,
        name="YFCC-like",
        version="1",
        contact="removal@example.org",
        progress=_bar("manifest_import", args.rows),
    )
    mine = time.perf_counter() - started
    print()
    assert report.imported == args.rows, (report.imported, report.rejected)
    figures = [_ratio_line(f"{vendor} import {args.rows:,} rows", mine, bare, 1.5)]
    figures += _owner_lookups(vendor)
    figures += _freshness(vendor, report.dataset)
    _save(f"consent_lookup_{vendor}.json", figures)


def _bare_load(path: Path, rows: int) -> float:
    """The same rows into a table of the same shape and indexes, no validation."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("CREATE TABLE bench_bare (LIKE consent_manifestrow INCLUDING ALL)")
            cursor.execute("ALTER TABLE bench_bare ALTER dataset_id SET DEFAULT 1")
        else:
            cursor.execute(
                "CREATE TABLE bench_bare (id integer PRIMARY KEY AUTOINCREMENT, dataset_id bigint "
                "NOT NULL DEFAULT 1, photo_ref varchar(100), owner_ref varchar(100), owner_name "
                "varchar(100), url varchar(500), licence varchar(100), pdq varchar(64))"
            )
            cursor.execute("CREATE INDEX bare_ds ON bench_bare (dataset_id)")
            cursor.execute("CREATE INDEX bare_owner ON bench_bare (owner_ref)")
            cursor.execute("CREATE INDEX bare_name ON bench_bare (lower(owner_name))")
    bar = _bar("bare bulk load", rows)
    started = time.perf_counter()
    columns = "photo_ref, owner_ref, owner_name, url, licence, pdq"
    if connection.vendor == "postgresql":
        with (
            connection.connection.cursor() as cursor,
            cursor.copy(
                f"COPY bench_bare ({columns}) FROM STDIN (FORMAT csv, HEADER, "
                f"FORCE_NOT_NULL ({columns}))"
            ) as copy,
            open(path, "rb") as handle,
        ):
            done = 0
            while block := handle.read(8 << 20):
                copy.write(block)
                done += block.count(b"\n")
                bar(done)
    else:
        import csv
        from itertools import islice

        raw = connection.connection
        with open(path, newline="") as handle:
            reader = csv.reader(handle)
            next(reader)
            raw.execute("BEGIN")
            insert = f"INSERT INTO bench_bare ({columns}) VALUES (?,?,?,?,?,?)"  # noqa: S608
            done = 0
            while batch := list(islice(reader, 50_000)):
                raw.executemany(insert, batch)
                done += len(batch)
                bar(done)
            raw.execute("COMMIT")
    seconds = time.perf_counter() - started
    print(f"\n  bare bulk load: {seconds:.1f} s", flush=True)
    return seconds


def _owner_lookups(vendor: str) -> list[dict]:
    from django.db import connection

    from consent.manifests.generate import owner_name, owner_nsid
    from consent.selectors.lookup import manifest_rows_of_owner

    owners = [i * 37 for i in range(1, 41)]
    bare_sql = (
        "SELECT dataset_id, photo_ref, owner_ref, owner_name, url, licence FROM bench_bare "
        "WHERE lower(owner_name) = lower(%s) OR owner_ref = %s LIMIT 500"
    )

    def bare(key):
        with connection.cursor() as cursor:
            cursor.execute(bare_sql, [key, key])
            return cursor.fetchall()

    figures = []
    for label, key_of in (("owner id", owner_nsid), ("owner name", owner_name)):
        keys = [key_of(i) for i in owners]
        mine = _median_each(lambda k: manifest_rows_of_owner(k), keys)
        floor = _median_each(bare, keys)
        found = sum(len(manifest_rows_of_owner(k)) for k in keys) / len(keys)
        figures.append(
            _ratio_line(f"{vendor} lookup by {label} ({found:.0f} rows)", mine, floor, 2, unit="ms")
        )
    return figures


def _median_each(run, keys, rounds=5) -> float:
    times = []
    for _ in range(rounds):
        for key in keys:
            started = time.perf_counter()
            run(key)
            times.append(time.perf_counter() - started)
    return statistics.median(times)


def _freshness(vendor: str, dataset) -> list[dict]:
    """A row added after the index was loaded, and a dataset deleted: how long until a
    lookup in this process sees each, with the default refresh interval."""
    import numpy as np

    from consent.lookup.pdq_index import shared_index
    from consent.models.lookup import ExternalDataset
    from consent.selectors.lookup import _search
    from consent.services.manifests import bulk_write, dataset_delete

    index = shared_index()
    started = time.perf_counter()
    index.refresh(progress=None)
    load = time.perf_counter() - started
    per_million = index.nbytes() / max(len(index), 1) * 1e6 / 2**20
    print(
        f"  index load from {vendor}: {len(index):,} hashes in {load:.1f} s "
        f"({len(index) / max(load, 1e-9):,.0f}/s), {per_million:.1f} MiB per million in memory",
        flush=True,
    )
    fresh = np.random.default_rng(9).integers(0, 256, (1, 32), dtype=np.uint8)
    extra = ExternalDataset.objects.create(
        name="late", version="1", contact="x@example.org", imported_at=dataset.imported_at
    )
    bulk_write(extra.pk, [("late-1", "o", "n", "u", "l", fresh.tobytes().hex())])
    added = time.perf_counter()
    while not any(m.photo_ref == "late-1" for m in _search(fresh)):
        time.sleep(0.05)
    added = time.perf_counter() - added
    dataset_delete(dataset=extra)
    gone = time.perf_counter()
    while any(m.photo_ref == "late-1" for m in _search(fresh)):
        time.sleep(0.05)
    gone = time.perf_counter() - gone
    print(
        f"  newly added row searchable after {added:.2f} s; deleted dataset gone after "
        f"{gone:.2f} s (goal < 60 s {'MET' if max(added, gone) < 60 else 'NOT MET'})",
        flush=True,
    )
    return [
        {"name": f"{vendor} added searchable", "seconds": added},
        {"name": f"{vendor} deleted gone", "seconds": gone},
        {"name": "index load", "seconds": load},
    ]


def _search_phase(args) -> None:
    import django

    django.setup()
    import faiss

    from consent.lookup.image import image_variants
    from photos.samples import sample_jpeg

    photo = sample_jpeg(4000, 3000, seed=4)
    variants, _ = image_variants(io.BytesIO(photo))
    figures = []
    print(
        f"\n== near-duplicate search (faiss {faiss.__version__}, {faiss.omp_get_max_threads()} "
        "threads) ==",
        flush=True,
    )
    for size in [int(s) for s in args.search_sizes.split(",") if s]:
        figures += _search_size(size, variants, photo)
    _save("consent_lookup_search.json", figures)


def _search_size(size: int, variants, photo: bytes) -> list[dict]:
    import faiss
    import numpy as np

    from consent.lookup.image import image_variants
    from consent.lookup.pdq_index import _Chunk, _scan

    rng = np.random.default_rng(size)
    hashes = rng.integers(0, 256, (size, 32), dtype=np.uint8)
    hashes[size // 2] = variants[3]  # a rotated copy is stored
    chunk = _Chunk(hashes, np.arange(size, dtype=np.int64), 0)
    index = faiss.IndexBinaryFlat(256)
    index.add(hashes)
    queries = variants.view("<u8")
    mine = _median(lambda: list(_scan(chunk.words, queries, 31)))
    threads = faiss.omp_get_max_threads()
    floor = _median(lambda: index.range_search(variants, 32))
    faiss.omp_set_num_threads(1)  # on a busy machine one thread can beat two: take the best
    floor = min(floor, _median(lambda: index.range_search(variants, 32)))
    faiss.omp_set_num_threads(threads)
    assert [p for p, _, _ in _scan(chunk.words, queries, 31)] == [size // 2]
    figures = [_ratio_line(f"search 8 variants over {size:,}", mine, floor, 2, unit="ms")]
    per_million = chunk.words.nbytes / size * 1e6 / 2**20
    extra = (chunk.ids.nbytes + chunk.codes.nbytes) / size * 1e6 / 2**20
    print(f"  memory: {per_million:.1f} MiB of hashes per million (+{extra:.1f} MiB ids)")
    if size == 1_000_000:

        def whole_lookup():
            fresh, _ = image_variants(io.BytesIO(photo))
            return list(_scan(chunk.words, fresh.view("<u8"), 31))

        whole = _median(whole_lookup, rounds=15)
        met = "MET" if whole < 0.1 else "NOT MET"
        print(
            "  whole lookup (decode + hash a 12 MP JPEG + search) at 1,000,000: "
            f"{whole * 1000:.1f} ms median (goal < 100 ms {met})",
            flush=True,
        )
        figures.append({"name": "whole lookup 1M", "seconds": whole})
    return figures


def _median(run, rounds=9) -> float:
    run()
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _save(name: str, figures: list) -> None:
    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    (out / name).write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
