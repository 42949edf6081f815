"""Reading a folder of photos (zipped: the web page takes zips, `manage.py
import_move_in` zips a folder first) as Lightroom, darktable or digiKam export it: each
image with its XMP sidecar (`photo.jpg.xmp` or `photo.xmp`) or its XMP packet / IPTC
record embedded. A sidecar's facts win over the embedded ones (rights.movein.xmp).

A licence URL that names one of Candid's licences becomes it; any other, or none, is
all rights reserved, and a named one the member is told of. Photos from a folder have
no visibility of their own: they are imported private."""

import zipfile
from collections.abc import Callable, Iterator
from pathlib import PurePosixPath

from django.utils.translation import gettext as _
from PIL import Image, IptcImagePlugin

from rights.movein import xmp
from rights.movein.detect import is_image
from rights.movein.flickr import VIDEOS
from rights.movein.items import Account, Album, Item, Link
from rights.movein.mastodon import number
from rights.movein.zip_members import member_open

SIDECAR_MAX = 4 * 1024 * 1024


class PhotoFolder:
    """A `rights.movein.items.Source` over the zips at `paths`."""

    service = "folder"

    def __init__(self, paths, beat: Callable[[], None] = lambda: None):
        self.beat = beat
        self.zips = [zipfile.ZipFile(path) for path in paths]
        self.images: list[tuple[int, zipfile.ZipInfo]] = []
        self.sidecars: dict[str, tuple[int, zipfile.ZipInfo]] = {}
        for index, zf in enumerate(self.zips):
            for info in zf.infolist():
                name = info.filename
                if info.is_dir() or "__MACOSX/" in name or PurePosixPath(name).name.startswith("."):
                    continue
                if name.lower().endswith(".xmp"):
                    self.sidecars[name[:-4].lower()] = (index, info)
                elif is_image(name) or name.rsplit(".", 1)[-1].lower() in VIDEOS:
                    self.images.append((index, info))

    def account(self) -> Account:
        return Account()

    def count(self) -> int:
        return len(self.images)

    def items(self) -> Iterator[Item]:
        for index, info in self.images:
            self.beat()
            yield self._item(index, info)

    def _item(self, index: int, info: zipfile.ZipInfo) -> Item:
        zf, name = self.zips[index], info.filename
        item = Item(
            source_id=number(f"{index}:{name}"),
            name=PurePosixPath(name).name,
            size=info.file_size,
            video=name.rsplit(".", 1)[-1].lower() in VIDEOS,
            open=lambda: member_open(zf, info),
        )
        if item.video:
            return item
        facts = self._sidecar(index, name).merge(self._embedded(zf, info))
        item.title = facts.title[:200]
        item.description = facts.description[:5000]
        item.tags = facts.keywords
        item.taken_at = facts.taken_at
        code = xmp.licence_code(facts.licence_url)
        item.licence = code or "arr"
        if facts.licence_url and code is None:
            item.notes.append(
                _("Its licence “%(licence)s” is unknown here, so it is all rights reserved.")
                % {"licence": facts.licence_url[:100]}
            )
        if facts.unreadable:
            item.notes.append(_("Its XMP data could not be read safely, so it was left out."))
        return item

    def _sidecar(self, index: int, name: str) -> xmp.Facts:
        stem = name.rsplit(".", 1)[0]
        for key in (name.lower(), stem.lower()):  # photo.jpg.xmp, then photo.xmp
            found = self.sidecars.get(key)
            if found is not None and found[1].file_size <= SIDECAR_MAX:
                return xmp.read_xmp(self.zips[found[0]].read(found[1]))
        return xmp.Facts()

    def _embedded(self, zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> xmp.Facts:
        """The packet and IPTC record in the file's header (Pillow reads no pixels)."""
        try:
            with zf.open(info) as stream, Image.open(stream) as image:
                packet = image.info.get("xmp") or image.info.get("XML:com.adobe.xmp") or b""
                iptc = IptcImagePlugin.getiptcinfo(image)
        except Exception:  # noqa: BLE001 (a damaged file is refused later by the pipeline)
            return xmp.Facts()
        if isinstance(packet, str):
            packet = packet.encode()
        embedded = xmp.read_xmp(packet) if packet else xmp.Facts()
        return embedded.merge(xmp.read_iptc(iptc))

    def albums(self) -> Iterator[Album]:
        return iter(())

    def links(self) -> Iterator[Link]:
        return iter(())

    def close(self) -> None:
        for zf in self.zips:
            zf.close()
