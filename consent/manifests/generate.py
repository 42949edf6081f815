"""A realistic test manifest in the shape of YFCC100M, the Flickr dataset that MegaFace and
IBM's "Diversity in Faces" were cut from: numeric photo ids, Flickr NSIDs (`12345678@N05`)
and nicknames as owners, static-flickr URLs, the six CC licences in YFCC's proportions,
and a PDQ hash on part of the rows. Optionally near-duplicates of given hashes (a few bits
flipped, as re-encoding and resizing do), so the lookup has something to find."""

import csv
from collections.abc import Iterable
from contextlib import contextmanager
from pathlib import Path

import numpy as np

# YFCC100M licence counts (Yahoo Labs blog, see reference/consent-standards.md section 4).
LICENCES = [
    ("Attribution License", 17_210_144),
    ("Attribution-ShareAlike License", 9_408_154),
    ("Attribution-NoDerivs License", 4_910_766),
    ("Attribution-NonCommercial-NoDerivs License", 12_674_885),
    ("Attribution-NonCommercial-ShareAlike License", 28_776_835),
    ("Attribution-NonCommercial License", 26_225_780),
]
HEADER = ["photo_id", "owner_id", "owner_name", "url", "licence", "pdq"]
_SYLLABLES = ["ka", "lo", "mi", "ra", "to", "ne", "su", "vi", "da", "pe", "jo", "an", "el", "or"]
_WORDS = ["photo", "lens", "light", "pixel", "shots", "travel", "street", "nature", "film"]


def owner_name(index: int) -> str:
    a, b, c = index % 14, (index // 14) % 14, (index // 196) % 9
    return f"{_SYLLABLES[a]}{_SYLLABLES[b]}_{_WORDS[c]}{index // 1764 or ''}"


def owner_nsid(index: int) -> str:
    return f"{10_000_000 + index * 7919 % 89_999_999}@N0{index % 8}"


def near_duplicate(pdq_hex: str, *, bits: int, rng: np.random.Generator) -> str:
    raw = np.frombuffer(bytes.fromhex(pdq_hex), dtype=np.uint8).copy()
    unpacked = np.unpackbits(raw)
    flip = rng.choice(256, size=bits, replace=False)
    unpacked[flip] ^= 1
    return np.packbits(unpacked).tobytes().hex()


def generate_rows(
    rows: int,
    *,
    seed: int = 100,
    hashed_share: float = 0.3,
    near_duplicates_of: Iterable[tuple[str, str]] = (),
    batch: int = 100_000,
):
    """Yields lists of rows. `near_duplicates_of`: (owner name, pdq hex) pairs; each gets
    one row with a hash a few bits away, at the start of the manifest."""
    rng = np.random.default_rng(seed)
    owners = max(1, rows // 170)  # YFCC: about 170 photos a photographer
    weights = np.array([count for _, count in LICENCES], dtype=float)
    weights /= weights.sum()
    extra = [
        [
            str(9_000_000_000 + i),
            owner_nsid(owners + i),
            name,
            _url(9_000_000_000 + i, 1, 1, "a1b2c3d4e5"),
            LICENCES[0][0],
            near_duplicate(pdq, bits=6, rng=rng),
        ]
        for i, (name, pdq) in enumerate(near_duplicates_of)
    ]
    if extra:
        yield extra
    done = len(extra)
    next_id = 1_000_000
    while done < rows:
        n = min(batch, rows - done)
        yield _batch(rng, n, next_id, owners, weights, hashed_share)
        next_id += n * 3
        done += n


def _batch(rng, n, first_id, owners, weights, hashed_share) -> list[list[str]]:
    ids = first_id + np.arange(n) * 3 + rng.integers(0, 3, n)
    owner_ix = np.minimum(rng.zipf(1.6, n) - 1, owners - 1) * 7 % owners
    servers = rng.integers(1, 9000, n)
    farms = rng.integers(1, 10, n)
    secrets = rng.integers(0, 2**40, n)
    licences = rng.choice(len(LICENCES), size=n, p=weights)
    hashed = rng.random(n) < hashed_share
    hashes = rng.integers(0, 256, (int(hashed.sum()), 32), dtype=np.uint8)
    hex_iter = iter(bytes(h).hex() for h in hashes)
    out = []
    for i in range(n):
        owner = int(owner_ix[i])
        out.append(
            [
                str(ids[i]),
                owner_nsid(owner),
                owner_name(owner),
                _url(int(ids[i]), int(farms[i]), int(servers[i]), f"{int(secrets[i]):010x}"),
                LICENCES[licences[i]][0],
                next(hex_iter) if hashed[i] else "",
            ]
        )
    return out


def _url(photo_id: int, farm: int, server: int, secret: str) -> str:
    return f"http://farm{farm}.staticflickr.com/{server}/{photo_id}_{secret}.jpg"


def write_manifest(path: Path, rows: int, *, progress=None, **options) -> int:
    """Write a manifest, CSV or Parquet by the file's suffix; returns the number of data
    rows."""
    write = _write_parquet if path.suffix.lower() == ".parquet" else _write_csv
    written = 0
    with write(path) as out:
        for batch in generate_rows(rows, **options):
            out(batch)
            written += len(batch)
            if progress:
                progress(written)
    return written


@contextmanager
def _write_csv(path: Path):
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        yield writer.writerows


@contextmanager
def _write_parquet(path: Path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([(name, pa.string()) for name in HEADER])
    with pq.ParquetWriter(path, schema) as writer:
        yield lambda batch: writer.write_table(
            pa.Table.from_arrays(
                [pa.array(column) for column in zip(*batch, strict=True)], schema=schema
            )
        )
