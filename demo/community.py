"""A small living community, built only through the services, as a newcomer would.

The photographs are real (demo/photographs.py): public-domain and CC0 sample photos that
scikit-image ships, each with its author and licence in its description. Alice and Dmitri
write English, Bob and Carol German, as members of a German-speaking community would."""

import io

from accounts.models import User
from accounts.services import preferences_update, profile_update, user_signup
from demo.community_photos import ALBUMS, ALT_TEXTS, COMMENTS, FAVOURITES, PHOTOS
from demo.photographs import PHOTOGRAPHS, credit, photograph_bytes
from photos.models import Photo
from photos.services import album_create, album_set_photos, photo_upload
from social.audience_services import follow_request_accept
from social.models import FollowRequest
from social.services import comment_post, favourite_add, follow_create

DEMO_PASSWORD = "candid-demo-2026"  # noqa: S105 - published on purpose, demo only

PEOPLE = [
    (
        "alice",
        "Alice Lindqvist",
        "Space nerd and amateur astronomer. I share public-domain pictures from NASA and "
        "SpaceX, always with credit.",
    ),
    (
        "bob",
        "Bob Okafor",
        "Straßenfotografie in Lagos und Berlin. Schwarzweiß, wann immer es geht.",
    ),
    ("carol", "Carol Nguyen", "Katzen, Kaffee und Nahaufnahmen. Leipzig."),
]
LANGUAGES = {"alice": "en", "bob": "de", "carol": "de"}


def build_people() -> dict[str, User]:
    return {name: _person(name, display, bio) for name, display, bio in PEOPLE}


def build_community(users: dict[str, User], stdout=None) -> dict[str, Photo]:
    """The members' photos, albums, follows, comments and favourites; returns the photos
    by their demo.photographs key."""
    photos = {}
    for item in PHOTOS:
        photos[item.key] = _upload(users[item.owner], item)
        if stdout:
            stdout.write(f"  photo: {item.title} ({item.owner}, {item.visibility})")
    for owner, title, description, keys in ALBUMS:
        album = album_create(owner=users[owner], title=title, description=description)
        album_set_photos(actor=users[owner], album=album, photo_ids=[photos[k].pk for k in keys])
    for follower, followee in (("bob", "alice"), ("carol", "alice"), ("alice", "carol")):
        _follow(users[follower], users[followee])
    _follow(users["carol"], users["bob"])
    for author, key, body in COMMENTS:
        comment_post(author=users[author], photo_id=photos[key].pk, body=body)
    for member, key in FAVOURITES:
        favourite_add(user=users[member], photo_id=photos[key].pk)
    return photos


def _upload(owner: User, item) -> Photo:
    data = photograph_bytes(item.key)
    return photo_upload(
        owner=owner,
        file=io.BytesIO(data),
        filename=PHOTOGRAPHS[item.key].file,
        size=len(data),
        title=item.title,
        description=f"{item.description}\n\n{credit(item.key, LANGUAGES[item.owner])}",
        tags=item.tags,
        alt_text=ALT_TEXTS[item.key][LANGUAGES[item.owner]],
        licence=PHOTOGRAPHS[item.key].licence,
        visibility=item.visibility,
    )


def _person(username: str, display_name: str, bio: str) -> User:
    user = user_signup(
        username=username, email=f"{username}@demo.candid.invalid", password=DEMO_PASSWORD
    )
    if LANGUAGES.get(username, "en") != "en":
        user = preferences_update(user=user, language=LANGUAGES[username], time_zone="")
    return profile_update(user=user, display_name=display_name, bio=bio)


def _follow(follower, followee) -> None:
    """A follow, accepted at once when the followee approves follows (followers-only
    photos): the demo's followers see what they are meant to."""
    made = follow_create(follower=follower, followee=followee)
    if isinstance(made, FollowRequest):
        follow_request_accept(followee=followee, follower=follower)
