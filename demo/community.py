"""A small living community, built only through the services, as a newcomer would."""

import io

from accounts.models import User
from accounts.services import profile_update, user_signup
from photos.samples import sample_jpeg
from photos.services import album_create, album_set_photos, photo_upload
from social.services import comment_post, favourite_add, follow_create

DEMO_PASSWORD = "candid-demo-2026"  # noqa: S105 - published on purpose, demo only

PEOPLE = [
    ("alice", "Alice Lindqvist", "Landscape photographer. Fjords, fog and long exposures."),
    ("bob", "Bob Okafor", "Street photography in Lagos and Berlin."),
    ("carol", "Carol Nguyen", "Macro, insects and the occasional cat."),
]

PHOTOS = [
    # owner, title, description, tags, licence, visibility, gps, show_location
    (
        "alice",
        "Fog over the fjord",
        "Morning fog rolling over a quiet fjord.",
        "fog fjord norway",
        "cc-by",
        "public",
        (60.39, 5.32),
        True,
    ),
    (
        "alice",
        "Blue hour",
        "The last light over the water.",
        "bluehour water",
        "cc-by-sa",
        "public",
        (60.40, 5.30),
        False,
    ),
    (
        "alice",
        "Birch forest",
        "White birches after rain.",
        "forest trees",
        "cc-by-nc",
        "public",
        None,
        False,
    ),
    ("alice", "Family cabin", "Only for friends.", "cabin", "arr", "followers", None, False),
    (
        "alice",
        "Scouting notes",
        "Private location scouting.",
        "scouting",
        "arr",
        "private",
        (60.41, 5.33),
        False,
    ),
    (
        "bob",
        "Market day",
        "Colours of the Balogun market.",
        "street market lagos",
        "cc-by",
        "public",
        (6.45, 3.39),
        False,
    ),
    ("bob", "U-Bahn", "Waiting for the U8.", "street berlin subway", "cc0", "public", None, False),
    (
        "bob",
        "Rooftops",
        "Berlin rooftops at dusk.",
        "berlin city",
        "cc-by-nd",
        "public",
        None,
        False,
    ),
    (
        "carol",
        "Dragonfly",
        "A common darter resting on a reed.",
        "macro insects",
        "cc-by-nc-sa",
        "public",
        None,
        False,
    ),
    ("carol", "Dew", "Dew drops on a spider web.", "macro water", "pdm", "public", None, False),
    ("carol", "Whiskers", "Miso the cat.", "cat", "cc-by-nc-nd", "public", None, False),
]


def build_community(stdout=None) -> dict[str, User]:
    users = {name: _person(name, display, bio) for name, display, bio in PEOPLE}
    photos = {}
    for seed, (owner, title, desc, tags, licence, visibility, gps, show) in enumerate(PHOTOS):
        data = sample_jpeg(1600, 1200, seed=seed + 11, gps=gps)
        photos[title] = photo_upload(
            owner=users[owner],
            file=io.BytesIO(data),
            filename=f"{seed}.jpg",
            size=len(data),
            title=title,
            description=desc,
            tags=tags,
            licence=licence,
            visibility=visibility,
            show_location=show,
        )
        if stdout:
            stdout.write(f"  photo: {title} ({owner}, {visibility})")
    album = album_create(
        owner=users["alice"], title="Norway, autumn", description="Three weeks on the west coast."
    )
    album_set_photos(
        actor=users["alice"],
        album=album,
        photo_ids=[
            photos["Blue hour"].pk,
            photos["Fog over the fjord"].pk,
            photos["Birch forest"].pk,
        ],
    )
    album_create(owner=users["bob"], title="Two cities", visibility="public")
    follow_create(follower=users["bob"], followee=users["alice"])
    follow_create(follower=users["carol"], followee=users["alice"])
    follow_create(follower=users["alice"], followee=users["carol"])
    comment_post(
        author=users["bob"],
        photo_id=photos["Fog over the fjord"].pk,
        body="That light! Which lens was this?",
    )
    comment_post(
        author=users["alice"],
        photo_id=photos["Fog over the fjord"].pk,
        body="Thanks! A 35 mm, f/5.6.",
    )
    favourite_add(user=users["carol"], photo_id=photos["Fog over the fjord"].pk)
    favourite_add(user=users["alice"], photo_id=photos["Dragonfly"].pk)
    return users


def _person(username: str, display_name: str, bio: str) -> User:
    user = user_signup(
        username=username, email=f"{username}@demo.candid.invalid", password=DEMO_PASSWORD
    )
    return profile_update(user=user, display_name=display_name, bio=bio)
