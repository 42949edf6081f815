"""Benchmark of the memory-mapped PDQ index checkpoint (consent/lookup/pdq_checkpoint.py).

    python bench/pdq_mmap.py [--sizes 1000000,10000000]

For each size: writes a checkpoint of random hashes (one stored hash is a rotated copy of
the query) as the worker would, then in a fresh child process — a web process starting —
prints the time to map it and the process's resident memory (VmRSS) before mapping, after
mapping and after one lookup (goal at 10M: <= 1 GiB), and the median time of a lookup of
eight dihedral variants against faiss IndexBinaryFlat range search over the same hashes
(the faster of its default threads and one; goal: within 2x). No database is needed.
"""

import argparse
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

GIB = 2**30


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000000,10000000")
    parser.add_argument("--child", default="")
    args = parser.parse_args()
    if args.child:
        _web_process(Path(args.child))
        return
    for size in [int(s) for s in args.sizes.split(",") if s]:
        with tempfile.TemporaryDirectory(prefix="pdq-bench-") as directory:
            started = time.perf_counter()
            _build(Path(directory), size)
            built = time.perf_counter() - started
            print(f"\n== {size:,} hashes: checkpoint built in {built:.1f} s")
            subprocess.run([sys.executable, __file__, "--child", directory], check=True)


def _build(directory: Path, size: int) -> None:
    import numpy as np

    from consent.lookup.pdq_checkpoint import checkpoint_write

    rng = np.random.default_rng(size)
    hashes = rng.integers(0, 256, (size, 32), dtype=np.uint8)
    hashes[size // 2] = _variants()[3]  # a rotated copy is stored
    words = np.ascontiguousarray(hashes.view("<u8").T)
    del hashes
    ids = np.arange(1, size + 1, dtype=np.int64)
    checkpoint_write(directory, words, ids, np.zeros(size, np.uint8), {0: size})


def _variants():
    import numpy as np

    return np.random.default_rng(0).integers(0, 256, (8, 32), dtype=np.uint8)


def _web_process(directory: Path) -> None:
    import numpy as np

    from consent.lookup.pdq_index import PdqIndex, Source

    rss_start = _rss()
    index = PdqIndex(sources=[Source(0, "manifest", "-", "-")], checkpoint_dir=directory)
    started = time.perf_counter()
    index._map_newest()
    mapped = time.perf_counter() - started
    rss_mapped = _rss()
    variants = _variants()
    hits = index.search(variants)
    rss_lookup = _rss()
    assert [h.row_id for h in hits] == [len(index) // 2 + 1], hits
    mine = _median(lambda: index.search(variants))
    rss_lookups = _rss()
    print(f"map time {mapped * 1000:.2f} ms; is a memmap: {isinstance(index.base, np.memmap)}")
    print(
        f"VmRSS before map {rss_start / 2**20:.0f} MiB, after map {rss_mapped / 2**20:.0f} MiB, "
        f"after one lookup {rss_lookup / 2**20:.0f} MiB, after 10 lookups "
        f"{rss_lookups / 2**20:.0f} MiB (goal <= 1 GiB "
        f"{'MET' if rss_lookups <= GIB else 'NOT MET'})"
    )
    floor = _faiss(index, variants)
    ratio = mine / floor
    print(
        f"lookup 8 variants {mine * 1000:.1f} ms vs faiss flat {floor * 1000:.1f} ms: "
        f"ratio {ratio:.2f} (goal <= 2x {'MET' if ratio <= 2 else 'NOT MET'})",
        flush=True,
    )


def _faiss(index, variants) -> float:
    import faiss
    import numpy as np

    flat = faiss.IndexBinaryFlat(256)
    hashes = np.ascontiguousarray(np.asarray(index.base).T).view(np.uint8)
    flat.add(hashes)
    del hashes
    threads = faiss.omp_get_max_threads()
    floor = _median(lambda: flat.range_search(variants, 32))
    faiss.omp_set_num_threads(1)
    floor = min(floor, _median(lambda: flat.range_search(variants, 32)))
    faiss.omp_set_num_threads(threads)
    return floor


def _rss() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


def _median(run, rounds=9) -> float:
    run()
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


if __name__ == "__main__":
    main()
