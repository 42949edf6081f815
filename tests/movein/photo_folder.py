"""Builds folders of photos as Lightroom, darktable and digiKam export them: real JPEGs
(photos.samples) with an XMP sidecar named `photo.jpg.xmp` (Lightroom: properties as
elements, rdf:Alt and rdf:Bag, lr:hierarchicalSubject, xmpRights:WebStatement), one
named `photo.xmp` (darktable: simple properties as attributes, cc:license as a
resource), an XMP packet embedded in the JPEG, an IPTC record (APP13) embedded, and a
sidecar with a DOCTYPE declaring entities (the "billion laughs")."""

import io
import struct
from pathlib import Path

from PIL import Image

from photos.samples import sample_jpeg

NAMESPACES = (
    'xmlns:x="adobe:ns:meta/" '
    'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:lr="http://ns.adobe.com/lightroom/1.0/" '
    'xmlns:xmpRights="http://ns.adobe.com/xap/1.0/rights/" '
    'xmlns:cc="http://creativecommons.org/ns#" '
    'xmlns:exif="http://ns.adobe.com/exif/1.0/" '
    'xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" '
    'xmlns:xmp="http://ns.adobe.com/xap/1.0/"'
)

LIGHTROOM = f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta {NAMESPACES}>
 <rdf:RDF>
  <rdf:Description rdf:about="" exif:DateTimeOriginal="2019-08-10T17:45:12.00+02:00"
    xmpRights:Marked="True"
    xmpRights:WebStatement="https://creativecommons.org/licenses/by-sa/4.0/deed.de">
   <dc:title><rdf:Alt><rdf:li xml:lang="de">Hafen</rdf:li>
     <rdf:li xml:lang="x-default">Harbour at dusk</rdf:li></rdf:Alt></dc:title>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">From the pier</rdf:li></rdf:Alt>
   </dc:description>
   <lr:hierarchicalSubject><rdf:Bag><rdf:li>Places|Germany|Hamburg</rdf:li>
     <rdf:li>Things|Ships</rdf:li></rdf:Bag></lr:hierarchicalSubject>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""

DARKTABLE = f"""<?xml version="1.0" encoding="UTF-8"?>
<x:xmpmeta {NAMESPACES} x:xmptk="XMP Core 4.4.0-Exiv2">
 <rdf:RDF>
  <rdf:Description rdf:about="" xmp:Rating="1" exif:DateTimeOriginal="2021:07:04 18:30:00">
   <dc:subject><rdf:Bag><rdf:li>forest</rdf:li><rdf:li>moss</rdf:li></rdf:Bag></dc:subject>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">Moss</rdf:li></rdf:Alt></dc:title>
   <cc:license rdf:resource="https://example.org/my-own-licence"/>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>"""

EMBEDDED = f"""<x:xmpmeta {NAMESPACES}><rdf:RDF><rdf:Description rdf:about=""
 photoshop:DateCreated="2018-03-02T08:00:00Z">
 <dc:title><rdf:Alt><rdf:li xml:lang="x-default">Frost</rdf:li></rdf:Alt></dc:title>
 <cc:license rdf:resource="http://creativecommons.org/publicdomain/zero/1.0/"/>
 <dc:subject><rdf:Bag><rdf:li>winter</rdf:li></rdf:Bag></dc:subject>
</rdf:Description></rdf:RDF></x:xmpmeta>"""

LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;">]>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><title>&lol2;</title></x:xmpmeta>"""


def jpeg_with_xmp(packet: str, seed: int) -> bytes:
    out = io.BytesIO()
    Image.open(io.BytesIO(sample_jpeg(640, 480, seed=seed))).save(out, "JPEG", xmp=packet.encode())
    return out.getvalue()


def jpeg_with_iptc(seed: int, **records: list[bytes]) -> bytes:
    """A JPEG with an APP13 "Photoshop 3.0" segment holding an IPTC-IIM record."""
    numbers = {"title": 5, "keywords": 25, "date": 55, "caption": 120}
    iim = b"".join(
        b"\x1c\x02" + bytes([numbers[key]]) + struct.pack(">H", len(value)) + value
        for key, values in records.items()
        for value in values
    )
    if len(iim) % 2:
        iim += b"\x00"
    block = b"8BIM\x04\x04\x00\x00" + struct.pack(">I", len(iim)) + iim
    payload = b"Photoshop 3.0\x00" + block
    segment = b"\xff\xed" + struct.pack(">H", len(payload) + 2) + payload
    jpeg = sample_jpeg(640, 480, seed=seed)
    return jpeg[:2] + segment + jpeg[2:]


def build_folder(folder: Path) -> Path:
    (folder / "2021").mkdir(parents=True, exist_ok=True)
    (folder / "harbour.jpg").write_bytes(sample_jpeg(640, 480, seed=11))
    (folder / "harbour.jpg.xmp").write_text(LIGHTROOM, encoding="utf-8")
    (folder / "2021" / "moss.jpg").write_bytes(sample_jpeg(640, 480, seed=12))
    (folder / "2021" / "moss.xmp").write_text(DARKTABLE, encoding="utf-8")
    (folder / "frost.jpg").write_bytes(jpeg_with_xmp(EMBEDDED, seed=13))
    (folder / "lake.jpg").write_bytes(
        jpeg_with_iptc(
            14,
            title=[b"Lake"],
            caption=["Still water, Plön".encode()],
            keywords=[b"lake", b"summer"],
            date=[b"20170615"],
        )
    )
    (folder / "laughs.jpg").write_bytes(sample_jpeg(640, 480, seed=15))
    (folder / "laughs.jpg.xmp").write_text(LAUGHS, encoding="utf-8")
    (folder / "README.txt").write_text("exported by darktable", encoding="utf-8")
    return folder
