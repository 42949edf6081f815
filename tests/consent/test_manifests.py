"""Importing external dataset manifests: rows streamed in, bad rows refused with line
numbers, lookups by owner id or name; the generator and the two commands."""

import csv
import io
import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from django.core.management import CommandError, call_command

from consent.lookup.pdq_index import reset_shared_index
from consent.manifests.generate import write_manifest
from consent.manifests.read import ManifestError
from consent.models.lookup import ExternalDataset, ManifestRow
from consent.selectors.lookup import lookup_username
from consent.services.manifests import manifest_import
from core.errors import ServiceError
from core.models import Event

HASH = "ab" * 32
HEADER = "photo_id,owner_id,owner_name,url,licence,pdq\n"


@pytest.fixture(autouse=True)
def fresh_index():
    reset_shared_index()
    yield
    reset_shared_index()


def write(tmp_path, text, name="m.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def do_import(path, **kw):
    return manifest_import(
        path=path,
        name=kw.pop("name", "FaceSet"),
        version="v1",
        contact="removal@faceset.example",
        **kw,
    )


@pytest.mark.django_db
def test_csv_manifest_imports_rows_and_records_event(tmp_path):
    path = write(
        tmp_path,
        HEADER + f"1,11@N01,Ann Lens,http://x/1.jpg,CC BY,{HASH}\n"
        "2,11@N01,Ann Lens,http://x/2.jpg,CC BY,\n",
    )
    report = do_import(path)
    assert report.imported == 2 and report.rejected == 0
    dataset = ExternalDataset.objects.get()
    assert (dataset.rows_imported, dataset.contact) == (2, "removal@faceset.example")
    assert list(ManifestRow.objects.order_by("photo_ref").values_list("photo_ref", "pdq")) == [
        ("1", HASH),
        ("2", ""),
    ]
    assert Event.objects.filter(kind="consent.manifest_imported", subject_id=dataset.pk).exists()


@pytest.mark.django_db
def test_malformed_and_huge_rows_are_refused_with_line_numbers(tmp_path):
    lines = [
        f"1,o1,ok,http://x/1,CC BY,{HASH}",  # line 2: fine
        "2,o1,bad hash,http://x/2,CC BY,xyz",  # 3
        "3,,no owner,http://x/3,CC BY,",  # 4
        "4,o1,too,many,fields,here,extra",  # 5
        "5,o1," + "n" * 150 + ",http://x/5,CC BY,",  # 6: owner name over 100
        "6,o1,huge," + "u" * 5000 + ",CC BY,",  # 7: line over 4096 characters
        "7,o1,tab\there,http://x/7,CC BY,",  # 8: control character
        "8,o1,fine again,http://x/8,CC BY,",  # 9
    ]
    report = do_import(write(tmp_path, HEADER + "\n".join(lines) + "\n"))
    assert report.imported == 2
    assert report.rejected == 6
    assert [line for line, _ in report.examples] == [3, 4, 5, 6, 7, 8]
    assert "pdq" in report.examples[0][1] and "owner_id is missing" in report.examples[1][1]
    assert set(ManifestRow.objects.values_list("photo_ref", flat=True)) == {"1", "8"}
    assert ExternalDataset.objects.get().rows_rejected == 6


@pytest.mark.django_db
def test_json_lines_manifest_with_yfcc_names_and_a_broken_line(tmp_path):
    rows = [
        json.dumps(
            {
                "photo": "9",
                "user_nsid": "99@N00",
                "user_nickname": "Kim",
                "license": "CC BY-NC",
                "hash": HASH.upper(),
            }
        ),
        "{not json",
        "[1, 2]",
    ]
    report = do_import(write(tmp_path, "\n".join(rows) + "\n", "m.jsonl"))
    assert (report.imported, report.rejected) == (1, 2)
    row = ManifestRow.objects.get()
    assert (row.owner_ref, row.owner_name, row.pdq) == ("99@N00", "Kim", HASH)


@pytest.mark.django_db
def test_same_dataset_version_twice_is_refused_and_changes_nothing(tmp_path):
    path = write(tmp_path, HEADER + "1,o,n,u,l,\n")
    do_import(path)
    with pytest.raises(ServiceError, match="already been imported"):
        do_import(path)
    assert ManifestRow.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text,message",
    [
        ("owner_id,url\n1,u\n", "lacks photo_id"),
        ("", "empty"),
    ],
)
def test_unusable_file_is_refused_whole(tmp_path, text, message):
    with pytest.raises(ManifestError, match=message):
        do_import(write(tmp_path, text))
    assert not ExternalDataset.objects.exists()
    assert not Event.objects.filter(kind="consent.manifest_imported").exists()


@pytest.mark.django_db
def test_unknown_format_is_explained(tmp_path):
    with pytest.raises(ManifestError, match=r"\.csv, \.jsonl or \.parquet"):
        do_import(write(tmp_path, "x", "m.xlsx"))
    assert not ExternalDataset.objects.exists()


def write_parquet(tmp_path, columns: dict, name="m.parquet"):
    path = tmp_path / name
    pq.write_table(pa.table(columns), path)
    return path


@pytest.mark.django_db
def test_parquet_manifest_with_yfcc_names_numbers_and_bad_rows(tmp_path):
    path = write_parquet(
        tmp_path,
        {
            "id": pa.array([1, 2, 3, 4], pa.int64()),  # numbers, not text
            "user_nsid": ["11@N01", "11@N01", None, "12@N02"],
            "user_nickname": ["Ann Lens", "Ann Lens", "Bo", "Cy"],
            "license": ["CC BY", "CC BY", "CC0", "CC0"],
            "hash": [HASH, "", "", "not-a-hash"],
            "camera": ["x", "y", "z", "w"],  # not a manifest column: not read
        },
    )
    report = do_import(path)
    assert (report.imported, report.rejected) == (2, 2)
    assert report.examples == [
        (3, "owner_id is missing"),
        (4, "pdq is not a PDQ hash (64 hexadecimal digits)"),
    ]
    rows = ManifestRow.objects.order_by("photo_ref")
    assert list(rows.values_list("photo_ref", "owner_ref", "owner_name", "licence", "pdq")) == [
        ("1", "11@N01", "Ann Lens", "CC BY", HASH),
        ("2", "11@N01", "Ann Lens", "CC BY", ""),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "content, message",
    [
        (b"photo_id,owner_id\n1,2\n", "not a readable Parquet file"),
        (b"PAR1" + b"\x00" * 64 + b"PAR1", "not a readable Parquet file"),
        (None, "header lacks owner_id"),
    ],
)
def test_a_parquet_file_that_cannot_be_read_is_refused_whole(tmp_path, content, message):
    if content is None:
        path = write_parquet(tmp_path, {"photo_id": ["1"], "url": ["http://x/1.jpg"]})
    else:
        path = tmp_path / "m.parquet"
        path.write_bytes(content)
    with pytest.raises(ManifestError, match=message):
        do_import(path)
    assert not ExternalDataset.objects.exists() and not ManifestRow.objects.exists()


@pytest.mark.django_db
def test_lookup_by_owner_id_or_case_insensitive_name(tmp_path, alice):
    do_import(
        write(
            tmp_path,
            HEADER + "1,11@N01,Ann Lens,http://x/1,CC BY,\n2,22@N02,Bo,http://x/2,CC BY,\n",
        )
    )
    by_name = lookup_username(viewer=alice, username="ann lens")
    by_id = lookup_username(viewer=alice, username="22@N02")
    assert [m.photo_ref for m in by_name.matches] == ["1"]
    assert by_name.matches[0].contact == "removal@faceset.example"
    assert [(m.photo_ref, m.dataset, m.version) for m in by_id.matches] == [("2", "FaceSet", "v1")]
    assert lookup_username(viewer=alice, username="nobody").matches == []


@pytest.mark.django_db
def test_generated_parquet_manifest_holds_the_same_rows_as_the_csv(tmp_path):
    options = {"near_duplicates_of": [("alice", HASH)], "seed": 7}
    assert write_manifest(tmp_path / "gen.parquet", 3000, **options) == 3000
    assert write_manifest(tmp_path / "gen.csv", 3000, **options) == 3000
    table = pq.read_table(tmp_path / "gen.parquet")
    with open(tmp_path / "gen.csv", newline="", encoding="utf-8") as handle:
        assert [list(row.values()) for row in table.to_pylist()] == list(csv.reader(handle))[1:]
    report = do_import(tmp_path / "gen.parquet")
    assert (report.imported, report.rejected) == (3000, 0)


@pytest.mark.django_db
def test_generated_manifest_is_yfcc_like_and_imports_cleanly(tmp_path):
    path = tmp_path / "gen.csv"
    assert write_manifest(path, 2000, near_duplicates_of=[("alice", HASH)]) == 2000
    text = path.read_text().splitlines()
    assert text[0] == HEADER.strip()
    assert "@N0" in text[1] and "staticflickr.com" in text[1]
    report = do_import(path)
    assert (report.imported, report.rejected) == (2000, 0)
    assert ManifestRow.objects.exclude(pdq="").count() > 400
    assert ManifestRow.objects.filter(owner_name="alice").count() == 1


@pytest.mark.django_db
def test_commands_generate_then_import_with_progress_and_refusals(tmp_path, alice, upload):
    photo = upload(alice)
    out = io.StringIO()
    path = tmp_path / "c.csv"
    call_command(
        "generate_manifest",
        "--rows",
        "300",
        "--out",
        str(path),
        "--near-duplicates-of",
        str(photo.pk),
        stdout=out,
    )
    assert "Wrote 300 rows" in out.getvalue()
    with open(path, "a") as handle:
        handle.write("bad,row\n")
    out = io.StringIO()
    call_command(
        "import_manifest",
        str(path),
        "--dataset",
        "Gen",
        "--version",
        "1",
        "--contact",
        "a@b.example",
        stdout=out,
    )
    assert "rows/s" in out.getvalue()
    assert "Imported 300 rows into Gen 1" in out.getvalue()
    assert "line 302: 2 fields where the header has 6" in out.getvalue()
    with pytest.raises(CommandError, match="contact"):
        call_command(
            "import_manifest",
            str(path),
            "--dataset",
            "X",
            "--version",
            "1",
            "--contact",
            "nobody",
            stdout=io.StringIO(),
        )
    with pytest.raises(CommandError, match="No such photos: 999999"):
        call_command(
            "generate_manifest",
            "--rows",
            "5",
            "--out",
            str(path),
            "--near-duplicates-of",
            "999999",
            stdout=io.StringIO(),
        )


@pytest.mark.django_db
def test_backslashes_and_untidy_values_survive_the_bulk_path(tmp_path):
    text = HEADER + f"1,o\\\\1, Ann ,http://x/a\\\\b,CC BY,{HASH.upper()}\n"
    do_import(write(tmp_path, text))
    row = ManifestRow.objects.get()
    assert (row.owner_ref, row.owner_name, row.url, row.pdq) == (
        "o\\\\1",
        "Ann",
        "http://x/a\\\\b",
        HASH,
    )
