"""Real image files that carry text in every place a file can: a person's name ("Jane
Roe") in EXIF, XMP, IPTC, a JPEG comment, a MakerNote, PNG text chunks, an embedded
thumbnail; and exiftool to read back what a rendition says (an independent reader)."""

import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import ExifTags, Image, ImageCms, PngImagePlugin

from photos.samples import sample_image

NAME = "Jane Roe"
SECRET_WORDS = (NAME, "Roe", "SecretEdit", "SN-4711", "Kitchen")

needs_exiftool = pytest.mark.skipif(
    shutil.which("exiftool") is None, reason="exiftool (libimage-exiftool-perl) is missing"
)

XMP_WITH_NAME = (
    '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
    'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" '
    f'photoshop:City="Kitchen"><dc:creator><rdf:Seq><rdf:li>{NAME}</rdf:li></rdf:Seq>'
    "</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>"
    '<?xpacket end="w"?>'
).encode()


def hostile_exif(*, gps=(52.52, 13.405)) -> Image.Exif:
    """Allowed camera/time tags beside a name, a tool, a serial number and a MakerNote."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Fujifilm"
    exif[ExifTags.Base.Model] = "X-T5"
    exif[ExifTags.Base.Artist] = NAME
    exif[ExifTags.Base.Copyright] = f"(c) {NAME}"
    exif[ExifTags.Base.Software] = "SecretEdit 1.0"
    exif[ExifTags.Base.ImageDescription] = f"{NAME} in the Kitchen"
    exif[ExifTags.IFD.Exif] = {
        ExifTags.Base.DateTimeOriginal: "2026:05:17 09:30:00",
        ExifTags.Base.OffsetTimeOriginal: "+02:00",
        ExifTags.Base.ExposureTime: 1 / 250,
        ExifTags.Base.FNumber: 5.6,
        ExifTags.Base.ISOSpeedRatings: 200,
        ExifTags.Base.FocalLength: 35.0,
        ExifTags.Base.LensModel: "XF35mmF1.4 R",
        ExifTags.Base.BodySerialNumber: "SN-4711",
        ExifTags.Base.CameraOwnerName: NAME,
        ExifTags.Base.MakerNote: fujifilm_maker_note(f"{NAME} SN-4711"),
        ExifTags.Base.UserComment: b"ASCII\x00\x00\x00" + NAME.encode(),
    }
    if gps:
        from photos.samples import _gps_ifd

        exif[ExifTags.IFD.GPSInfo] = {
            **_gps_ifd(*gps),
            ExifTags.GPS.GPSProcessingMethod: b"ASCII\x00\x00\x00Kitchen",
        }
    return exif


def fujifilm_maker_note(serial: str) -> bytes:
    """A MakerNote in Fujifilm's layout with one entry, the internal serial number."""
    value = serial.encode() + b"\x00"
    entry = (0x10).to_bytes(2, "little") + (2).to_bytes(2, "little")
    entry += len(value).to_bytes(4, "little") + (30).to_bytes(4, "little")
    ifd = (1).to_bytes(2, "little") + entry + (0).to_bytes(4, "little")
    return b"FUJIFILM" + (12).to_bytes(4, "little") + ifd + value


def iptc_segment(by_line: str = NAME) -> bytes:
    """A Photoshop APP13 segment holding IPTC IIM: By-line and Caption."""

    def dataset(number: int, value: bytes) -> bytes:
        return bytes([0x1C, 2, number]) + len(value).to_bytes(2, "big") + value

    iim = dataset(0, b"\x00\x04") + dataset(80, by_line.encode()) + dataset(120, b"Kitchen")
    resource = b"8BIM\x04\x04\x00\x00" + len(iim).to_bytes(4, "big") + iim
    resource += b"\x00" * (len(iim) % 2)
    payload = b"Photoshop 3.0\x00" + resource
    return b"\xff\xed" + (len(payload) + 2).to_bytes(2, "big") + payload


def com_segment(payload: bytes) -> bytes:
    return b"\xff\xfe" + (len(payload) + 2).to_bytes(2, "big") + payload


def srgb_icc() -> bytes:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def hostile_jpeg(tmp_path: Path, *, width=640, height=480, thumbnail=True) -> bytes:
    """A camera-like JPEG with every kind of text segment; the embedded thumbnail is added
    by exiftool (Pillow writes no IFD1)."""
    out = io.BytesIO()
    sample_image(width, height, seed=7).save(
        out,
        "JPEG",
        quality=90,
        exif=hostile_exif().tobytes(),
        comment=f"Shot by {NAME}".encode(),
        xmp=XMP_WITH_NAME,
        icc_profile=srgb_icc(),
        extra=iptc_segment(),
    )
    if not thumbnail:
        return out.getvalue()
    path, thumb = tmp_path / "hostile.jpg", tmp_path / "thumb.jpg"
    path.write_bytes(out.getvalue())
    sample_image(160, 120, seed=8).save(thumb, "JPEG")
    subprocess.run(  # noqa: S603
        ["exiftool", "-q", "-m", "-overwrite_original", f"-ThumbnailImage<={thumb}", str(path)],  # noqa: S607
        check=True,
    )
    return path.read_bytes()


def hostile_png() -> bytes:
    text = PngImagePlugin.PngInfo()
    text.add_text("Author", NAME)
    text.add_text("Comment", f"{NAME} in the Kitchen", zip=True)
    text.add_itxt("Description", f"{NAME} SecretEdit", lang="en")
    text.add_itxt("XML:com.adobe.xmp", XMP_WITH_NAME.decode())
    out = io.BytesIO()
    sample_image(400, 300, seed=9).save(out, "PNG", pnginfo=text, exif=hostile_exif().tobytes())
    return out.getvalue()


def hostile_webp() -> bytes:
    out = io.BytesIO()
    sample_image(400, 300, seed=10).save(
        out, "WEBP", exif=hostile_exif().tobytes(), xmp=XMP_WITH_NAME, icc_profile=srgb_icc()
    )
    return out.getvalue()


def hostile_heic() -> bytes:
    from pillow_heif import register_heif_opener

    register_heif_opener()
    out = io.BytesIO()
    sample_image(400, 300, seed=11).save(
        out, "HEIF", exif=hostile_exif().tobytes(), xmp=XMP_WITH_NAME
    )
    return out.getvalue()


def exiftool_tags(data: bytes, tmp_path: Path) -> dict:
    """Every tag exiftool finds, duplicates included, keyed "Group:Tag"."""
    path = tmp_path / "read-back.jpg"
    path.write_bytes(data)
    args = ["exiftool", "-j", "-a", "-G1", "-b", "-u", str(path)]
    out = subprocess.run(args, capture_output=True, check=True).stdout  # noqa: S603
    tags = json.loads(out)[0]
    return {
        key: value
        for key, value in tags.items()
        if not key.startswith(("System:", "ExifTool:", "SourceFile"))
    }


def swapped_primaries_icc() -> bytes:
    """sRGB built-in with its red and green colorants swapped and its description changed
    ("Swap built-in"): a profile under which stored red means displayed green."""
    icc = bytearray(srgb_icc())
    count = int.from_bytes(icc[128:132], "big")
    entries = {}
    for i in range(count):
        at = 132 + 12 * i
        entries[bytes(icc[at : at + 4])] = at
    red, green = entries[b"rXYZ"], entries[b"gXYZ"]
    icc[red + 4 : red + 12], icc[green + 4 : green + 12] = (
        icc[green + 4 : green + 12],
        icc[red + 4 : red + 12],
    )
    return bytes(icc).replace("sRGB".encode("utf-16-be"), "Swap".encode("utf-16-be"))
