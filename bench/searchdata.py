"""Photos for bench/search.py, filled in SQL (generate_series) through the search
triggers. Benchmark data only: it bypasses the services (and the event log) on purpose."""

from django.contrib.auth.hashers import make_password
from django.db import connection

from accounts.models import User
from photos.models import Tag
from social.models import Follow

PHOTOS_PER_OWNER = 100
WORDS = (
    "light shadow river mountain street window harbour forest morning evening winter "
    "summer garden bridge tower market station portrait stranger child dog cat bird "
    "field meadow city village road car train boat sea beach wave cloud rain snow fog "
    "sun moon star night dawn dusk red blue green yellow black white grey golden silver "
    "old new small large quiet busy empty full open closed high low near far inside "
    "outside corner wall door roof stairs hall room table chair lamp glass mirror book "
    "paper letter flower tree leaf stone rock sand grass water fire smoke steam ice "
    "frost storm wind calm warm cold bright dark soft hard sharp blurred still moving "
    "walking running sitting standing waiting reading talking laughing sleeping working "
    "playing dancing singing market square church castle museum gallery theatre cinema "
    "cafe bakery shop kiosk factory mill farm barn field orchard vineyard lake pond "
    "canal dock pier lighthouse cliff hill valley canyon desert island coast shore "
    "harbor ferry tram bus bicycle scooter taxi airport platform tunnel underpass "
    "rooftop balcony courtyard alley lane avenue boulevard park playground fountain "
    "statue monument ruin cellar attic garage shed fence gate hedge path trail summit ridge "
    "Haus Häuser Straße Berlin Hamburg München Brücke"
).split()
TAGS = [f"tag{i:02d}" for i in range(95)] + ["street", "landscape", "berlin", "night", "film"]


def fill_photos(start: int, end: int) -> None:
    owners = _owners(end // PHOTOS_PER_OWNER + 1)
    tags = [Tag.objects.get_or_create(name=name)[0].pk for name in TAGS]
    with connection.cursor() as cursor:
        cursor.execute(_PHOTOS, {"start": start, "end": end, "owners": owners, "words": WORDS})
        cursor.execute(_TAGS, {"start": start, "end": end, "tags": tags})
        cursor.execute("VACUUM ANALYZE photos_photo")
        cursor.execute("VACUUM ANALYZE photos_photo_tags")
        cursor.execute("VACUUM ANALYZE accounts_user")


def _owners(count: int) -> list[int]:
    have = User.objects.filter(username__startswith="owner").count()
    password = make_password("bench-not-secret")
    User.objects.bulk_create(
        User(username=f"owner{i:05d}", display_name=f"Owner Number {i}", password=password)
        for i in range(have, count)
    )
    owners = list(
        User.objects.filter(username__startswith="owner")
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    member, made = User.objects.get_or_create(username="searcher", defaults={"password": password})
    if made:
        Follow.objects.bulk_create(Follow(follower=member, followee_id=pk) for pk in owners[:20])
    return owners


_PHOTOS = """
INSERT INTO photos_photo (
  owner_id, title, description, licence, visibility, show_location, original,
  original_format, original_bytes, width, height, sha256, pdq_hash, pdq_quality, camera,
  rendition_version, rendition_sizes, sensitive, demoted, withheld_in, created_at,
  updated_at, alt_text)
SELECT
  (%(owners)s::bigint[])[1 + (i * 7919) %% cardinality(%(owners)s::bigint[])],
  w[1 + (i * 31) %% n] || ' ' || w[1 + (i * 37 + 11) %% n] || ' ' || w[1 + (i * 41 + 5) %% n]
    || CASE WHEN i < 10000 AND i %% 500 = 7 THEN ' kestrel' ELSE '' END,
  w[1 + (i * 43) %% n] || ' ' || w[1 + (i * 47 + 3) %% n] || ' ' || w[1 + (i * 53) %% n]
    || ' ' || w[1 + (i * 59 + 7) %% n] || ' ' || w[1 + (i * 61) %% n] || ' '
    || w[1 + (i * 67 + 1) %% n] || ' ' || w[1 + (i * 71) %% n] || ' '
    || w[1 + (i * 73 + 9) %% n],
  'arr',
  CASE WHEN i %% 10 = 8 THEN 'followers' WHEN i %% 10 = 9 THEN 'private' ELSE 'public' END,
  false, 'originals/bench.jpg', 'JPEG', 1000, 640, 480, lpad(to_hex(i), 64, '0'),
  repeat('0', 64), 100, '{}'::jsonb, 1, 'large,medium,small', false, i %% 100 = 3, '',
  timestamptz '2026-01-01' + i * interval '1 minute', now(), ''
FROM generate_series(%(start)s::bigint, %(end)s::bigint - 1) AS i,
  (SELECT %(words)s::text[] AS w, cardinality(%(words)s::text[]) AS n) AS v
"""

_TAGS = """
INSERT INTO photos_photo_tags (photo_id, tag_id)
SELECT p.id, t.tag
FROM photos_photo p
CROSS JOIN LATERAL (VALUES
  ((%(tags)s::bigint[])[1 + (p.id * 13) %% 100]),
  ((%(tags)s::bigint[])[1 + (p.id * 17 + 50) %% 100])) AS t(tag)
WHERE p.sha256 >= lpad(to_hex(%(start)s), 64, '0') AND p.sha256 < lpad(to_hex(%(end)s), 64, '0')
ON CONFLICT DO NOTHING
"""
