"""An export's zips: a digest of a zip's directory, and a photo read where it lies.

Exports store their photos uncompressed (JPEGs do not compress). Such a member is a
byte range of the zip, so it is handed to the upload pipeline as a seekable window onto
that range: no copy into a temporary file, and no reading again from its start each time
the pipeline seeks back, as zipfile's member stream would (bench/movein_speed.py: the copy
and its writes cost the move-in ~10% of the plain upload pipeline's speed). The member's
CRC-32 is checked the first time it is read through to its end, as zipfile checks it.
Compressed or encrypted members are read through zipfile."""

import hashlib
import io
import os
import struct
import zipfile
import zlib
from typing import IO

_LOCAL_HEADER = struct.Struct(zipfile.structFileHeader)
_ENCRYPTED = 0x1


def member_open(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> IO[bytes]:
    """The member's bytes: a window onto the zip file when stored and unencrypted in a
    zip opened from its path (`ZipFile(path)`, as every reader opens them), else
    zipfile's own stream."""
    if info.compress_type != zipfile.ZIP_STORED or info.flag_bits & _ENCRYPTED or not zf.filename:
        return zf.open(info)
    return io.BufferedReader(StoredMember(zf.filename, info))


def directory_digest(zf: zipfile.ZipFile) -> str:
    """A SHA-256 of the zip's directory: each member's name, place, sizes and CRC-32."""
    digest = hashlib.sha256()
    for info in zf.infolist():
        fields = (info.filename, info.header_offset, info.compress_size, info.file_size, info.CRC)
        digest.update(("\0".join(map(str, fields)) + "\n").encode())
    return digest.hexdigest()


def reads_in_place(stream: IO[bytes]) -> bool:
    """Whether `stream` is such a window (seeking is free; nothing to copy)."""
    return isinstance(getattr(stream, "raw", None), StoredMember)


class StoredMember(io.RawIOBase):
    def __init__(self, path: str, info: zipfile.ZipInfo):
        super().__init__()
        self._fd = os.open(path, os.O_RDONLY)
        try:
            self._start = _data_start(self._fd, info)
        except BaseException:
            os.close(self._fd)
            raise
        self._name, self._size, self._expected_crc = info.filename, info.file_size, info.CRC
        self._position = self._checked = self._crc = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._position

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._position, io.SEEK_END: self._size}[whence]
        if base + offset < 0:
            raise ValueError("negative seek position")
        self._position = base + offset
        return self._position

    def readinto(self, buffer) -> int:
        wanted = min(len(buffer), self._size - self._position)
        if wanted <= 0:
            return 0
        view = memoryview(buffer).cast("B")[:wanted]
        got = os.preadv(self._fd, [view], self._start + self._position)
        if got == 0:
            raise EOFError(f"The zip ends inside {self._name!r}.")
        if self._position == self._checked:
            self._check(view[:got])
        self._position += got
        return got

    def _check(self, data: memoryview) -> None:
        self._crc = zlib.crc32(data, self._crc)
        self._checked += len(data)
        if self._checked == self._size and self._crc != self._expected_crc:
            raise zipfile.BadZipFile(f"Bad CRC-32 for file {self._name!r}")

    def close(self) -> None:
        if not self.closed:
            os.close(self._fd)
        super().close()


def _data_start(fd: int, info: zipfile.ZipInfo) -> int:
    """Where the member's bytes begin: after its local header, whose name and extra
    field lengths may differ from the central directory's."""
    header = os.pread(fd, _LOCAL_HEADER.size, info.header_offset)
    if len(header) != _LOCAL_HEADER.size:
        raise zipfile.BadZipFile(f"Truncated file header for {info.filename!r}")
    fields = _LOCAL_HEADER.unpack(header)
    if fields[0] != zipfile.stringFileHeader:
        raise zipfile.BadZipFile(f"Bad magic number for file header of {info.filename!r}")
    name_length, extra_length = fields[-2], fields[-1]
    return info.header_offset + _LOCAL_HEADER.size + name_length + extra_length
