"""Builds a Mastodon account archive in exactly the shape Mastodon's backup writes it
(app/services/backup_service.rb): a .tar.gz with the media first
(media_attachments/files/<id parts>/original/<hash>.<ext>), then outbox.json (an
OrderedCollection of `Create` activities with full Notes and `Announce` activities whose
object is a bare URI; `totalItems` that does not match), likes.json, bookmarks.json
(with an old `tag:` URI) and actor.json. Attachment URLs come relative, with a leading
`/media_attachments/…` and with a bucket prefix; alt text and blurhash may be null.
Newer Mastodon versions write the same as a zip (`zipped`). Images are real encoded
JPEGs and PNGs (photos.samples)."""

import io
import json
import tarfile
import zipfile
from pathlib import Path

from photos.samples import sample_bytes, sample_jpeg

SERVER = "https://social.example"
ACTOR = f"{SERVER}/users/anna"
PUBLIC = "https://www.w3.org/ns/activitystreams#Public"
FOLLOWERS = f"{ACTOR}/followers"


def media_path(attachment_id: str, ext: str = "jpg") -> str:
    parts = [attachment_id[i : i + 3] for i in range(0, len(attachment_id), 3)]
    return f"media_attachments/files/{'/'.join(parts)}/original/{attachment_id[-6:]}ab12cd.{ext}"


def note(status_id: int, *, content: str, attachments: list, to=None, cc=None, **extra) -> dict:
    record = {
        "id": f"{ACTOR}/statuses/{status_id}",
        "type": "Note",
        "summary": None,
        "inReplyTo": None,
        "published": "2023-04-01T10:20:30Z",
        "url": f"{SERVER}/@anna/{status_id}",
        "attributedTo": ACTOR,
        "to": [PUBLIC] if to is None else to,
        "cc": [FOLLOWERS] if cc is None else cc,
        "sensitive": False,
        "atomUri": f"{ACTOR}/statuses/{status_id}",
        "conversation": f"tag:social.example,2023-04-01:objectId={status_id}:objectType=Note",
        "content": content,
        "contentMap": {"en": content},
        "attachment": attachments,
        "tag": [],
        "replies": {"id": f"{ACTOR}/statuses/{status_id}/replies", "type": "Collection"},
    }
    record.update(extra)
    return record


def create(record: dict) -> dict:
    return {
        "id": f"{record['id']}/activity",
        "type": "Create",
        "actor": ACTOR,
        "published": record["published"],
        "to": record["to"],
        "cc": record["cc"],
        "object": record,
    }


def document(url: str, name: str | None, media_type="image/jpeg") -> dict:
    return {
        "type": "Document",
        "mediaType": media_type,
        "url": url,
        "name": name,
        "blurhash": None,
        "focalPoint": [0.0, 0.0],
        "width": 640,
        "height": 480,
    }


def build_archive(folder: Path, zipped: bool = False, videos: bool = False) -> Path:
    """The default archive: a public post with two images (one relative URL, one
    bucket-prefixed), an unlisted post with a content warning, a followers-only post, a
    direct message, a text-only post, a boost, and a post whose image is missing.
    `videos`: also a post with an image, a video and a GIF-like video (Mastodon's
    "gifv", an mp4), and a post with an audio file only."""
    folder.mkdir(parents=True, exist_ok=True)
    first, second = media_path("110000000000000001"), media_path("110000000000000002", "png")
    third, fourth = media_path("110000000000000003"), media_path("110000000000000004")
    direct, missing = media_path("110000000000000005"), media_path("110000000000000006")
    media = {
        first: sample_jpeg(640, 480, seed=1),
        second: sample_bytes("PNG", 320, 240, seed=2),
        third: sample_jpeg(640, 480, seed=3),
        fourth: sample_jpeg(640, 480, seed=4),
        direct: sample_jpeg(640, 480, seed=5),
    }
    tag = {"type": "Hashtag", "href": f"{SERVER}/tags/sunset", "name": "#sunset"}
    activities = [
        create(
            note(
                1,
                content=(
                    '<p>Evening at the Elbe <a href="https://social.example/tags/sunset" '
                    'class="mention hashtag" rel="tag">#<span>sunset</span></a></p>'
                    "<p>Second line &amp; more</p>"
                ),
                attachments=[
                    document(first, "Ships on the river at dusk"),
                    document(f"/bucket-name/{second}", None, "image/png"),
                ],
                tag=[tag],
            )
        ),
        create(
            note(
                2,
                content="<p>Spiders!</p>",
                attachments=[document(f"/{third}", "A garden spider")],
                to=[FOLLOWERS],
                cc=[PUBLIC],
                summary="spiders",
                sensitive=True,
                published="2022-10-31T21:00:00Z",
            )
        ),
        create(
            note(
                3,
                content="<p>Only for my followers</p>",
                attachments=[document(f"https://files.social.example/{fourth}", "Cake")],
                to=[FOLLOWERS],
                cc=[],
            )
        ),
        create(
            note(
                4,
                content="<p>@bob look</p>",
                attachments=[document(direct, "Private")],
                to=["https://other.example/users/bob"],
                cc=[],
            )
        ),
        create(note(5, content="<p>Just text</p>", attachments=[])),
        {
            "id": f"{ACTOR}/statuses/6/activity",
            "type": "Announce",
            "actor": ACTOR,
            "published": "2023-05-01T00:00:00Z",
            "to": [PUBLIC],
            "cc": [FOLLOWERS],
            "object": "https://other.example/users/bob/statuses/99",
        },
        create(note(7, content="<p>Lost</p>", attachments=[document(missing, "gone")])),
    ]
    if videos:
        image, clip = media_path("110000000000000008"), media_path("110000000000000009", "mp4")
        gifv, audio = (
            media_path("110000000000000010", "mp4"),
            media_path("110000000000000011", "mp3"),
        )
        media[image] = sample_jpeg(640, 480, seed=8)
        media[clip] = media[gifv] = media[audio] = b"\x00\x00\x00\x18ftypmp42" + bytes(64)
        activities += [
            create(
                note(
                    8,
                    content="<p>Harbour</p>",
                    attachments=[
                        document(image, "Cranes"),
                        document(clip, "Ferry leaving", "video/mp4"),
                        document(gifv, None, "video/mp4"),
                    ],
                )
            ),
            create(
                note(9, content="<p>Gulls</p>", attachments=[document(audio, None, "audio/mpeg")])
            ),
        ]
    outbox = {
        "@context": "https://www.w3.org/ns/activitystreams",
        "id": "outbox.json",
        "type": "OrderedCollection",
        "totalItems": 42,
        "orderedItems": activities,
    }
    actor = {
        "@context": ["https://www.w3.org/ns/activitystreams"],
        "id": ACTOR,
        "type": "Person",
        "followers": FOLLOWERS,
        "preferredUsername": "anna",
        "name": "Anna K.",
        "summary": "<p>Photos from Hamburg</p>",
        "url": f"{SERVER}/@anna",
        "icon": {"type": "Image", "mediaType": "image/png", "url": "avatar.png"},
    }
    likes = {
        "@context": "https://www.w3.org/ns/activitystreams",
        "id": "likes.json",
        "type": "OrderedCollection",
        "orderedItems": ["https://other.example/users/bob/statuses/1"],
    }
    bookmarks = {
        "@context": "https://www.w3.org/ns/activitystreams",
        "id": "bookmarks.json",
        "type": "OrderedCollection",
        "orderedItems": [
            "https://other.example/users/bob/statuses/2",
            "tag:other.example,2017-04-01:objectId=77:objectType=Status",
        ],
    }
    members = {
        **media,
        "outbox.json": json.dumps(outbox).encode(),
        "likes.json": json.dumps(likes).encode(),
        "bookmarks.json": json.dumps(bookmarks).encode(),
        "actor.json": json.dumps(actor).encode(),
        "avatar.png": sample_bytes("PNG", 64, 64, seed=9),
    }
    if zipped:  # what newer Mastodon versions write
        path = folder / "archive-20240101120000-0123456789abcdef.zip"
        with zipfile.ZipFile(path, "w") as zf:
            for name, data in members.items():
                zf.writestr(name, data)
        return path
    path = folder / "archive-20240101120000-0123456789abcdef.tar.gz"
    with tarfile.open(path, "w:gz") as tar:
        for name, data in members.items():
            _add(tar, name, data)
    return path


def _add(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    tar.addfile(info, io.BytesIO(data))
