"""Builds Flickr exports in exactly the shape "Request my Flickr data" delivers (see issue
18 and readers of real exports): a metadata zip `<digits>_<hex>_part1.zip` (and a part 2)
with account_profile.json, albums.json, galleries.json, faves/contacts/followers parts,
photos_comments_part001.json and photo_<id>.json files, and media zips
data-download-N.zip with the originals under Flickr's names. Images are real encoded
JPEGs and PNGs (photos.samples)."""

import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from photos.samples import sample_bytes, sample_jpeg

NSID = "12345678@N05"
PROFILE = f"https://www.flickr.com/people/{NSID}/"
META_ZIP = "72157719876543210_4f3a2b1c0d9e8f7a_part1.zip"
META_ZIP_2 = "72157719876543210_4f3a2b1c0d9e8f7a_part2.zip"


def photo_json(photo_id: int, **overrides) -> dict:
    """A photo_<id>.json record with every field Flickr writes, as Flickr writes it."""
    record = {
        "id": str(photo_id),
        "name": f"Photo {photo_id}",
        "description": "",
        "count_views": "12",
        "count_faves": "0",
        "count_comments": "0",
        "date_taken": "2012-06-01 19:30:00",
        "count_tags": "1",
        "count_notes": "0",
        "rotation": 0,
        "date_imported": "2012-06-02 08:00:00",
        "photopage": f"https://www.flickr.com/photos/anna_k/{photo_id}/",
        "original": f"https://farm8.staticflickr.com/7001/{photo_id}_a1b2c3d4e5_o.jpg",
        "license": "All Rights Reserved",
        "geo": [],
        "groups": [],
        "albums": [],
        "tags": [{"tag": "hamburg", "user": PROFILE, "date_create": "2012-06-02 08:01:00"}],
        "people": [],
        "notes": [],
        "privacy": "public",
        "comment_permissions": "any flickr member",
        "tagging_permissions": "people you follow",
        "safety": "safe",
        "comments": [],
        "exif": {
            "IFD0:Make": {"full": "Fujifilm", "label": "Make", "value": "FUJIFILM"},
            "ExifIFD:ExposureTime": {"full": "1/250", "label": "Exposure", "raw_value": "0.004"},
        },
    }
    record.update(overrides)
    return record


@dataclass
class Export:
    """What the default export holds, for assertions."""

    paths: list[Path] = field(default_factory=list)
    ids: dict[str, int] = field(default_factory=dict)


def _write(
    path: Path, members: dict[str, bytes | dict | list], compression: int = zipfile.ZIP_DEFLATED
) -> Path:
    with zipfile.ZipFile(path, "w", compression) as zf:
        for name, data in members.items():
            if not isinstance(data, bytes):
                data = json.dumps(data, indent=1).encode()
            zf.writestr(name, data)
    return path


def build_export(folder: Path, *, extra_photos: int = 0) -> Export:
    """The standard fixture: eight items covering every quirk and every per-item error,
    plus `extra_photos` plain JPEGs (for progress and kill tests)."""
    folder.mkdir(parents=True, exist_ok=True)
    harbour, friends, png, video, corrupt, no_image, orphan, pdm = (
        5001,
        5002,
        5003,
        5004,
        5005,
        5006,
        5007,
        5008,
    )
    meta = {
        "account_profile.json": {
            "real_name": "Anna K.",
            "screen_name": "anna_k",
            "nsid": NSID,
            "description": "Photographer in <b>Hamburg</b>",
            "join_date": "2008-03-01 10:00:00",
            "website": "",
        },
        "albums.json": {
            "albums": [
                {
                    "id": "72157600000000001",
                    "title": "Hamburg",
                    "description": "Port <i>city</i>",
                    "view_count": "3",
                    "created": "1338624000",
                    "last_updated": "1338710400",
                    "cover_photo": f"https://www.flickr.com/photos/anna_k/{png}/",
                    "photos": [str(png), str(harbour), "0", str(no_image)],
                    "url": "https://www.flickr.com/photos/anna_k/albums/72157600000000001",
                }
            ]
        },
        "galleries.json": {"galleries": []},
        "faves_part001.json": {
            "faves": [
                {
                    "title": "Lighthouse",
                    "url": "https://www.flickr.com/photos/someone/123/",
                    "owner": "someone",
                }
            ]
        },
        "contacts_part001.json": {"Bob B.": "https://www.flickr.com/people/bob_b/"},
        "followers_part001.json": {"Carol": "https://www.flickr.com/people/carol/"},
        "photos_comments_part001.json": [
            {"photo_url": "https://www.flickr.com/photos/x/1/", "comment": "Nice", "date": ""}
        ],
        f"photo_{harbour}.json": photo_json(
            harbour,
            name="Harbour at dusk",
            description='Shot from <a href="https://example.org/pier" rel="nofollow">the '
            "pier</a><br />\nsecond line &amp; more",
            license="Attribution-NonCommercial-ShareAlike License",
            geo=[{"latitude": "53550000", "longitude": "9993000", "accuracy": "16"}],
            tags=[
                {"tag": "harbour", "user": PROFILE, "date_create": "2012-06-02 08:01:00"},
                {"tag": "dusk", "user": PROFILE, "date_create": "2012-06-02 08:01:00"},
            ],
            comments=[
                {
                    "id": "72157700000000001",
                    "date": "2012-06-03 10:00:00",
                    "user": "https://www.flickr.com/people/bob_b/",
                    "comment": "Lovely <b>light</b>!",
                    "url": f"https://www.flickr.com/photos/anna_k/{harbour}/#comment1",
                }
            ],
            date_imported="2012-06-02 08:00:00",
        ),
        f"photo_{friends}.json": photo_json(
            friends,
            name="",
            license="CC BY-SA 4.0",
            privacy="friends & family",
            geo={"latitude": 48.1, "longitude": 11.5},
            date_taken="0000-00-00 00:00:00",
            date_imported="2013-01-05 12:00:00",
            tags=None,
        ),
        f"photo_{video}.json": photo_json(video, name="A video"),
        f"photo_{corrupt}.json": photo_json(corrupt, name="Broken"),
        f"photo_{no_image}.json": photo_json(no_image, name="Lost original"),
    }
    part2 = {
        f"photo_{png}.json": photo_json(
            png, name="Screenshot", license=None, privacy="private", count_views=None
        ),
        f"photo_{pdm}.json": photo_json(pdm, name="Old map", license="Public Domain Work"),
    }
    for n in range(extra_photos):
        part2[f"photo_{9000 + n}.json"] = photo_json(9000 + n, name=f"Extra {n}")
    media_1 = {
        f"harbour-at-dusk_{harbour}_o.jpg": sample_jpeg(640, 480, seed=1, gps=(53.55, 9.99)),
        f"{friends}_a1b2c3d4e5_o.JPG": sample_jpeg(480, 640, seed=2),
        f"{video}_ffeedd0011_o.mp4": b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 200,
    }
    media_2 = {
        f"img-2023-05_{png}.png": sample_bytes("PNG", 320, 240, seed=3),
        f"broken_{corrupt}_o.jpg": b"\xff\xd8\xff\xe0 not really a jpeg" * 20,
        f"orphan_{orphan}_o.jpg": sample_jpeg(400, 300, seed=4),
        f"old-map_{pdm}_o.jpg": sample_jpeg(300, 300, seed=5),
    }
    for n in range(extra_photos):
        media_2[f"extra-{n}_{9000 + n}_o.jpg"] = sample_jpeg(200, 150, seed=100 + n)
    export = Export()
    export.paths = [
        # Stored, as photos often are (read in place); the other media zip compressed.
        _write(folder / "data-download-2.zip", media_2, zipfile.ZIP_STORED),
        _write(folder / META_ZIP, meta),
        _write(folder / "data-download-1.zip", media_1),
        _write(folder / META_ZIP_2, part2),
    ]
    export.ids = {
        "harbour": harbour,
        "friends": friends,
        "png": png,
        "video": video,
        "corrupt": corrupt,
        "no_image": no_image,
        "orphan": orphan,
        "pdm": pdm,
    }
    return export
