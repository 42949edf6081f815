"""Consent that travels inside the file: IPTC Photo Metadata "Data Mining" (XMP `plus:DataMining`).

IPTC Photo Metadata 2023.1 adopted the PLUS Coalition's `plus:DataMining` property
(namespace http://ns.useplus.org/ldf/xmp/1.0/), whose single value is a URI from
http://ns.useplus.org/ldf/vocab/. Candid's four purposes map onto that vocabulary as follows
(R = the purposes refused for the photo, after per-photo overrides and vetoes):

| R                                         | plus:DataMining                            |
| ----------------------------------------- | ------------------------------------------ |
| nothing refused                           | DMI-ALLOWED                                |
| only generative-AI training               | DMI-PROHIBITED-GENAIMLTRAINING             |
| AI/ML training (with or without gen-AI)   | DMI-PROHIBITED-AIMLTRAINING                |
| every purpose (the default)               | DMI-PROHIBITED                             |
| anything else (biometric and/or research  | DMI-PROHIBITED-SEECONSTRAINT, with         |
| refused, but not everything)              | `plus:OtherConstraints` naming each purpose|

The value never signals permission for a refused purpose: where the vocabulary has no exact
word (biometric analysis, research datasets), it says "prohibited, see constraint" and the
constraint text lists what is allowed and what is not. Generative AI is a kind of AI/ML, so
refusing AI/ML training prohibits both. Per PLUS, absence of a prohibition grants nothing.

The renditions on disk carry no XMP; it is written into the JPEG when a rendition is served
(`with_xmp`): the XMP APP1 segment is spliced in after the JFIF/Exif segments, without
re-encoding, so a consent change shows in the very next response and the upload pipeline
(bench/upload.py) does not pay for it.
"""

from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from consent.models import Purpose
from consent.models.consent import PURPOSE_NAMES

PLUS_NS = "http://ns.useplus.org/ldf/xmp/1.0/"
VOCAB = "http://ns.useplus.org/ldf/vocab/"
ALLOWED = "DMI-ALLOWED"
PROHIBITED = "DMI-PROHIBITED"
PROHIBITED_AIML = "DMI-PROHIBITED-AIMLTRAINING"
PROHIBITED_GENAI = "DMI-PROHIBITED-GENAIMLTRAINING"
PROHIBITED_SEE_CONSTRAINT = "DMI-PROHIBITED-SEECONSTRAINT"

_XMP_ID = b"http://ns.adobe.com/xap/1.0/\x00"
_AI_PURPOSES = {Purpose.AI_TRAINING.value, Purpose.GENAI_TRAINING.value}


class NotAJpeg(ValueError):
    """The bytes are not a JPEG whose header segments can be read."""


@dataclass(frozen=True)
class ConsentState:
    """The effective consent of one photo for every purpose."""

    allowed: dict[str, bool]

    @property
    def refused(self) -> frozenset[str]:
        return frozenset(p for p in Purpose.values if not self.allowed.get(p, False))

    @property
    def any_refused(self) -> bool:
        return bool(self.refused)

    @property
    def data_mining(self) -> str:
        """The DMI code (without the vocabulary prefix); see the module's table."""
        refused = self.refused
        if not refused:
            return ALLOWED
        if refused == frozenset(Purpose.values):
            return PROHIBITED
        if refused == {Purpose.GENAI_TRAINING.value}:
            return PROHIBITED_GENAI
        if Purpose.AI_TRAINING.value in refused and refused <= _AI_PURPOSES:
            return PROHIBITED_AIML
        return PROHIBITED_SEE_CONSTRAINT

    @property
    def data_mining_uri(self) -> str:
        return VOCAB + self.data_mining

    def constraint_text(self) -> str:
        labels = PURPOSE_NAMES
        allowed = [labels[p] for p in Purpose.values if p not in self.refused]
        refused = [labels[p] for p in Purpose.values if p in self.refused]
        return (
            f"Not allowed: {', '.join(refused) or 'nothing'}. "
            f"Allowed: {', '.join(allowed) or 'nothing'}."
        )


@dataclass(frozen=True)
class RightsNotice:
    """The IPTC rights fields of a served rendition: who made it, the copyright notice and
    the licence. Never location, serials or other free text (photos/served_metadata.py)."""

    creator: str
    notice: str
    licence_url: str
    licence_name: str


def rights_of(photo) -> RightsNotice:
    """From the photo's public facts: the owner's public name, the upload year, the licence."""
    from photos.licences import LICENCES, NO_COPYRIGHT

    licence = LICENCES.get(photo.licence)
    creator = photo.owner.display_name or photo.owner.username
    name = licence.name if licence else ""
    claim = "" if photo.licence in NO_COPYRIGHT else f"© {photo.created_at.year} "
    return RightsNotice(
        creator=creator,
        notice=f"{claim}{creator}. {name}".strip(),
        licence_url=licence.url if licence else "",
        licence_name=name,
    )


def _rights_xml(rights: RightsNotice | None) -> tuple[list[str], str]:
    """Attributes and elements for the rights fields (dc, xmpRights, cc namespaces)."""
    if rights is None:
        return [], ""
    public_domain = not rights.notice.startswith("©")
    attributes = [f"xmpRights:Marked={quoteattr(str(not public_domain))}"]
    if rights.licence_url:
        attributes.append(f"cc:license={quoteattr(rights.licence_url)}")
    elements = (
        f"<dc:creator><rdf:Seq><rdf:li>{escape(rights.creator)}</rdf:li></rdf:Seq></dc:creator>"
        "<dc:rights><rdf:Alt>"
        f'<rdf:li xml:lang="x-default">{escape(rights.notice)}</rdf:li>'
        "</rdf:Alt></dc:rights>"
        "<xmpRights:UsageTerms><rdf:Alt>"
        f'<rdf:li xml:lang="x-default">{escape(rights.licence_name)}</rdf:li>'
        "</rdf:Alt></xmpRights:UsageTerms>"
    )
    return attributes, elements


def xmp_packet(
    state: ConsentState, *, policy_url: str = "", rights: RightsNotice | None = None
) -> bytes:
    """A read-only XMP packet with `plus:DataMining` (and `plus:OtherConstraints` when the
    value points to it); `xmpRights:WebStatement` links the human-readable policy; with
    `rights`, the creator, copyright notice and licence (IPTC Photo Metadata)."""
    fields = [f"plus:DataMining={quoteattr(state.data_mining_uri)}"]
    if policy_url:
        fields.append(f"xmpRights:WebStatement={quoteattr(policy_url)}")
    rights_attributes, rights_elements = _rights_xml(rights)
    fields += rights_attributes
    other = ""
    if state.data_mining == PROHIBITED_SEE_CONSTRAINT:
        other = (
            "<plus:OtherConstraints><rdf:Alt>"
            f'<rdf:li xml:lang="x-default">{escape(state.constraint_text())}</rdf:li>'
            "</rdf:Alt></plus:OtherConstraints>"
        )
    packet = (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        f'<rdf:Description rdf:about="" xmlns:plus="{PLUS_NS}" '
        'xmlns:xmpRights="http://ns.adobe.com/xap/1.0/rights/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:cc="http://creativecommons.org/ns#" '
        f"{' '.join(fields)}>{other}{rights_elements}</rdf:Description>"
        '</rdf:RDF></x:xmpmeta><?xpacket end="r"?>'
    )
    return packet.encode("utf-8")


def with_xmp(jpeg: bytes, packet: bytes) -> bytes:
    """`jpeg` with its XMP replaced by `packet`, without touching the image data.

    The new APP1 segment goes right after the leading JFIF (APP0) and Exif (APP1) segments,
    where readers expect it; any XMP already present is dropped so there is only one.
    """
    segments, body_start = _header_segments(jpeg)
    kept = [(marker, start, end) for marker, start, end in segments if not _is_xmp(jpeg, start)]
    insert_at = 0
    while insert_at < len(kept) and _is_leading(jpeg, *kept[insert_at]):
        insert_at += 1
    payload = _XMP_ID + packet
    if len(payload) + 2 > 0xFFFF:
        raise ValueError("The XMP packet is too large for one JPEG segment.")
    xmp_segment = b"\xff\xe1" + (len(payload) + 2).to_bytes(2, "big") + payload
    parts = [jpeg[:2]]
    parts += [jpeg[start:end] for _, start, end in kept[:insert_at]]
    parts.append(xmp_segment)
    parts += [jpeg[start:end] for _, start, end in kept[insert_at:]]
    parts.append(jpeg[body_start:])
    return b"".join(parts)


def _header_segments(jpeg: bytes) -> tuple[list[tuple[int, int, int]], int]:
    """(marker, start, end) of every segment before the scan, and where the scan begins."""
    if jpeg[:2] != b"\xff\xd8":
        raise NotAJpeg("Not a JPEG: no start-of-image marker.")
    segments, pos = [], 2
    while pos + 4 <= len(jpeg):
        if jpeg[pos] != 0xFF:
            raise NotAJpeg(f"Not a JPEG segment at byte {pos}.")
        marker = jpeg[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker == 0xDA:  # start of scan: the image data follows
            return segments, pos
        end = pos + 2 + int.from_bytes(jpeg[pos + 2 : pos + 4], "big")
        if end > len(jpeg):
            raise NotAJpeg("A JPEG segment runs past the end of the file.")
        segments.append((marker, pos, end))
        pos = end
    raise NotAJpeg("No start-of-scan marker in the JPEG.")


def _is_xmp(jpeg: bytes, start: int) -> bool:
    return jpeg[start + 1] == 0xE1 and jpeg[start + 4 : start + 4 + len(_XMP_ID)] == _XMP_ID


def _is_leading(jpeg: bytes, marker: int, start: int, end: int) -> bool:
    return marker == 0xE0 or (marker == 0xE1 and jpeg[start + 4 : start + 10] == b"Exif\x00\x00")
