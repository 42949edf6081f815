"""Real JPEGs that carry a title the way photo software writes it: XMP dc:title
(Lightroom), IPTC IIM 2:05 Object Name (Photo Mechanic), EXIF XPTitle (Windows)."""

import io
import struct

from PIL import Image

from photos.samples import camera_exif, sample_image

XMP = (
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
    'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    '<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title><rdf:Alt>'
    '<rdf:li xml:lang="de">{other}</rdf:li>'
    '<rdf:li xml:lang="x-default">{title}</rdf:li>'
    "</rdf:Alt></dc:title></rdf:Description></rdf:RDF></x:xmpmeta>"
)


def _jpeg(seed: int, exif=None, **save) -> bytes:
    out = io.BytesIO()
    exif = exif or camera_exif()
    sample_image(200, 150, seed=seed).save(out, "JPEG", exif=exif.tobytes(), **save)
    return out.getvalue()


def jpeg_with_xmp_title(title: str, *, seed: int = 1) -> bytes:
    return _jpeg(seed, xmp=XMP.format(title=title, other="Anderer Titel").encode())


def jpeg_with_iptc_title(title: str, *, seed: int = 2) -> bytes:
    """An APP13 Photoshop segment with one IPTC record, inserted after SOI."""
    value = title.encode()
    record = b"\x1c\x02\x05" + struct.pack(">H", len(value)) + value
    if len(record) % 2:
        record += b"\x00"
    block = b"8BIM" + struct.pack(">H", 0x0404) + b"\x00\x00" + struct.pack(">I", len(record))
    payload = b"Photoshop 3.0\x00" + block + record
    segment = b"\xff\xed" + struct.pack(">H", len(payload) + 2) + payload
    data = _jpeg(seed)
    return data[:2] + segment + data[2:]


def jpeg_with_windows_title(title: str, *, seed: int = 3) -> bytes:
    exif = camera_exif()
    exif[0x9C9B] = (title + "\x00").encode("utf-16-le")
    return _jpeg(seed, exif)


def opened(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data))
