"""Fill a database with many photos fast, for bench/pages.py.

A handful of photos go through the real upload service, so real rendition files exist;
the rest are bulk-created rows (Photo, Rendition, tags, follows, favourites, comments)
pointing at those files. This is benchmark data only: it bypasses the services (and so
the event log) on purpose, to create 10,000 photos in seconds rather than hours.
"""

import contextlib
import random
from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from photos.models import Photo, Rendition, Tag, Visibility
from photos.samples import sample_jpeg
from photos.services import photo_upload
from social.models import Comment, Favourite, Follow

TEMPLATES = 6
TAGS = ["landscape", "street", "portrait", "night", "film", "bw", "macro", "travel"]
BATCH = 1000


def populate(*, photos: int, users: int, seed: int = 1) -> dict:
    """Returns ids the benchmark requests: a busy public photo and a signed-in user."""
    rng = random.Random(seed)
    people = _users(users)
    _follows(people, rng)
    templates = _template_photos(people[0])
    tags = [Tag.objects.get_or_create(name=name)[0] for name in TAGS]
    with transaction.atomic(), _no_auto_now(Photo, "created_at"):
        created = _bulk_photos(photos - len(templates), people, templates, rng)
        _bulk_renditions(created, templates)
        _bulk_tags(created, tags, rng)
    showcase = _showcase(people, rng)
    return {"photo_id": showcase.pk, "user_id": people[1].pk, "photo_owner_id": showcase.owner_id}


def _users(count: int) -> list[User]:
    password = make_password("bench-password-not-secret")
    User.objects.bulk_create(
        User(
            username=f"bench{i:03d}",
            email=f"bench{i:03d}@example.org",
            password=password,
            display_name=f"Bench Photographer {i}",
            bio="Shoots for benchmarks.",
        )
        for i in range(count)
    )
    return list(User.objects.filter(username__startswith="bench").order_by("pk"))


def _follows(people: list[User], rng: random.Random) -> None:
    pairs = {(a.pk, b.pk) for a in people for b in rng.sample(people, 12) if a.pk != b.pk}
    Follow.objects.bulk_create(
        (Follow(follower_id=a, followee_id=b) for a, b in pairs), batch_size=BATCH
    )


def _template_photos(owner: User) -> list[Photo]:
    """Real uploads through the service: their rendition files serve every bulk row."""
    out = []
    for seed in range(TEMPLATES):
        data = sample_jpeg(2400, 1600, seed=seed, gps=(48.85, 2.35))
        upload = SimpleUploadedFile(f"t{seed}.jpg", data, "image/jpeg")
        out.append(
            photo_upload(
                owner=owner,
                file=upload,
                filename=upload.name,
                size=len(data),
                title=f"Template {seed}",
                tags="landscape",
                licence="cc-by",
            )
        )
    return out


@contextlib.contextmanager
def _no_auto_now(model, name: str):
    """bulk_create would stamp every row with the same instant; spread them over time."""
    field = model._meta.get_field(name)
    field.auto_now_add = False
    try:
        yield
    finally:
        field.auto_now_add = True


def _bulk_photos(
    count: int, people: list[User], templates: list[Photo], rng: random.Random
) -> list[Photo]:
    now = timezone.now()
    visibilities = [Visibility.PUBLIC] * 8 + [Visibility.FOLLOWERS, Visibility.PRIVATE]
    rows = []
    for i in range(count):
        t = templates[i % len(templates)]
        rows.append(
            Photo(
                owner=rng.choice(people),
                title=f"Bench photo {i}",
                description=f"A generated photo number {i}, for the page benchmark.",
                licence=rng.choice(["arr", "cc-by", "cc-by-sa", "cc0"]),
                visibility=rng.choice(visibilities),
                original=t.original,
                original_format=t.original_format,
                original_bytes=t.original_bytes,
                width=t.width,
                height=t.height,
                sha256=f"{i:064x}",
                pdq_hash=t.pdq_hash,
                pdq_quality=t.pdq_quality,
                taken_at=t.taken_at,
                camera=t.camera,
                created_at=now - timedelta(minutes=7 * (count - i)),
            )
        )
    return Photo.objects.bulk_create(rows, batch_size=BATCH)


def _bulk_renditions(photos: list[Photo], templates: list[Photo]) -> None:
    files = {t.pk: list(t.renditions.all()) for t in templates}
    Rendition.objects.bulk_create(
        (
            Rendition(
                photo_id=p.pk,
                size=r.size,
                width=r.width,
                height=r.height,
                file=r.file,
                bytes=r.bytes,
            )
            for i, p in enumerate(photos)
            for r in files[templates[i % len(templates)].pk]
        ),
        batch_size=BATCH,
    )


def _bulk_tags(photos: list[Photo], tags: list[Tag], rng: random.Random) -> None:
    through = Photo.tags.through
    through.objects.bulk_create(
        (through(photo_id=p.pk, tag_id=t.pk) for p in photos for t in rng.sample(tags, 3)),
        batch_size=BATCH,
    )


def _showcase(people: list[User], rng: random.Random) -> Photo:
    """The photo page under test: public, newest, with favourites and a comment thread."""
    photo = Photo.objects.filter(visibility=Visibility.PUBLIC).order_by("-created_at").first()
    fans = rng.sample(people, min(40, len(people)))
    Favourite.objects.bulk_create(Favourite(user=u, photo=photo) for u in fans)
    Comment.objects.bulk_create(
        Comment(photo=photo, author=fans[i % len(fans)], body=f"Lovely light, comment {i}.")
        for i in range(25)
    )
    return photo
