"""A photo stored uncompressed in an export's zip is read where it lies, byte for byte
as zipfile reads it, with its CRC-32 checked; a zip's directory digest tells zips apart."""

import hashlib
import io
import os
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.storage import default_storage

from photos.samples import sample_jpeg
from rights.movein.zip_members import directory_digest, member_open, reads_in_place
from rights.services.movein import _saved

PHOTO = sample_jpeg(640, 480, seed=11)


def zip_of(path: Path, compression: int = zipfile.ZIP_STORED, data: bytes = PHOTO) -> Path:
    with zipfile.ZipFile(path, "w", compression) as zf:
        zf.writestr("notes.txt", "first member, so the photo does not start at 0")
        zf.writestr("harbour_5001_o.jpg", data)
    return path


def test_a_stored_member_reads_in_place_as_zipfile_reads_it(tmp_path):
    with zipfile.ZipFile(zip_of(tmp_path / "media.zip")) as zf:
        info = zf.getinfo("harbour_5001_o.jpg")
        with member_open(zf, info) as stream:
            assert reads_in_place(stream)
            assert stream.read() == PHOTO == zf.read(info)
            stream.seek(100)
            assert stream.read(50) == PHOTO[100:150]
            assert stream.seek(-10, io.SEEK_END) == len(PHOTO) - 10
            assert stream.read() == PHOTO[-10:]
            stream.seek(0)
            assert hashlib.file_digest(stream, "sha256").digest() == hashlib.sha256(PHOTO).digest()


def test_a_compressed_member_is_read_through_zipfile(tmp_path):
    with zipfile.ZipFile(zip_of(tmp_path / "media.zip", zipfile.ZIP_DEFLATED)) as zf:
        with member_open(zf, zf.getinfo("harbour_5001_o.jpg")) as stream:
            assert isinstance(stream, zipfile.ZipExtFile) and not reads_in_place(stream)
            assert stream.read() == PHOTO


def damage(path: Path, member: str) -> None:
    """One byte of the member's data changed in the zip file, its directory left as it was."""
    with zipfile.ZipFile(path) as zf:
        data = zf.read(member)
    content = bytearray(path.read_bytes())
    start = content.index(data)  # stored: the member's bytes lie in the zip as they are
    content[start + len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(content))


def test_a_damaged_member_fails_its_crc_check_as_with_zipfile(tmp_path):
    path = zip_of(tmp_path / "media.zip")
    damage(path, "harbour_5001_o.jpg")
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo("harbour_5001_o.jpg")
        with pytest.raises(zipfile.BadZipFile, match="CRC"):
            zf.read(info)
        with member_open(zf, info) as stream, pytest.raises(zipfile.BadZipFile, match="CRC"):
            stream.read()


def test_a_member_without_its_local_header_is_refused(tmp_path):
    path = zip_of(tmp_path / "media.zip")
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo("harbour_5001_o.jpg")
    content = bytearray(path.read_bytes())
    content[info.header_offset : info.header_offset + 4] = b"XXXX"
    path.write_bytes(bytes(content))
    with zipfile.ZipFile(path) as zf, pytest.raises(zipfile.BadZipFile, match="magic"):
        member_open(zf, zf.getinfo("harbour_5001_o.jpg"))


def test_the_directory_digest_follows_the_members_content(tmp_path):
    def digest(path: Path) -> str:
        with zipfile.ZipFile(path) as zf:
            return directory_digest(zf)

    same = digest(zip_of(tmp_path / "a.zip")), digest(zip_of(tmp_path / "b.zip"))
    assert same[0] == same[1]
    other = digest(zip_of(tmp_path / "c.zip", data=PHOTO[:-3] + b"xyz"))  # same size
    assert other != same[0]


@pytest.mark.django_db
def test_a_zip_on_this_disk_is_linked_into_storage_not_copied():
    source = Path(settings.MEDIA_ROOT) / "operator" / "export_part1.zip"
    source.parent.mkdir(parents=True, exist_ok=True)
    zip_of(source)
    with open(source, "rb") as stream:
        name = _saved(stream, "imports/1/abc-0.zip")
    stored = Path(default_storage.path(name))
    assert stored.stat().st_ino == source.stat().st_ino and stored != source
    content = source.read_bytes()
    source.unlink()  # the operator deletes their copy: the import's stays
    assert stored.read_bytes() == content
    os.unlink(stored)


@pytest.mark.django_db
def test_a_stream_not_from_this_disk_is_copied_into_storage():
    name = _saved(io.BytesIO(PHOTO), "imports/1/def-0.zip")
    with default_storage.open(name, "rb") as stored:
        assert stored.read() == PHOTO
    default_storage.delete(name)


def test_the_move_in_hands_the_pipeline_a_stored_photo_in_place_and_a_compressed_one_copied(
    tmp_path,
):
    from rights.movein.flickr import FlickrExport
    from rights.services.movein_run import _readable
    from tests.movein.flickr_export import build_export

    export = build_export(tmp_path / "flickr")
    source = FlickrExport(export.paths)
    try:
        items = {item.source_id: item for item in source.items()}
        stored, compressed = items[export.ids["pdm"]], items[export.ids["harbour"]]
        for item, in_place in ((stored, True), (compressed, False)):
            with item.open() as stream:
                content = stream.read()
            with _readable(item) as (stream, digest):
                assert reads_in_place(stream) is in_place
                assert digest == hashlib.sha256(content).hexdigest()
                assert stream.read() == content
    finally:
        source.close()
