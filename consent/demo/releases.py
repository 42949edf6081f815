"""Demo data for datasets: photos with mixed consent, a published release downloaded by a
licensee, and one withdrawal whose deletion notice waits for acknowledgement."""

import io

from accounts.models import User
from accounts.preferences import language_for
from consent.models import Purpose
from consent.services.consent import consent_set, consent_withdraw, photo_consent_set
from consent.services.licensees import licensee_add, release_deliver
from consent.services.releases import dataset_create, release_build, release_publish
from demo.community_photos import ALT_TEXTS
from demo.photographs import PHOTOGRAPHS, credit, photograph_small
from photos.samples import sample_jpeg
from photos.services import photo_upload

PURPOSE = Purpose.RESEARCH.value
TERMS = (
    "Research use only. No redistribution. Delete any photo named in a deletion notice, "
    "and everything derived from it, within 30 days, and acknowledge."
)
GENERATED_ALT = {
    "en": "Coloured circles on a soft gradient (a generated picture).",
    "de": "Bunte Kreise auf einem weichen Farbverlauf (ein erzeugtes Bild).",
}


def build_consent_demo(users: dict[str, User], staff: dict[str, User]) -> dict:
    """Needs at least two members in `users`; uses an admin from `staff` if there is one.
    Returns the objects made, for the caller's summary."""
    first, second = list(users.values())[:2]
    admin = next((u for u in staff.values() if u.role == User.Role.ADMIN), None)
    if admin is None:
        raise ValueError("build_consent_demo needs an administrator in `staff`.")
    consent_set(user=first, purpose=PURPOSE, allowed=True)
    consent_set(user=second, purpose=PURPOSE, allowed=True)
    shots = [
        _photograph(first, "rocket", "Launch, seen from the other side"),
        _photograph(first, "hubble_deep_field", "Deep field, mirrored"),
        _photograph(first, "astronaut", "Portrait study (not for datasets)"),
        _photograph(second, "clock", "Uhr, gespiegelt"),
        _photo(second, 5, "All rights kept", "arr", visibility="followers"),
    ]
    photo_consent_set(actor=first, photo=shots[2], purpose=PURPOSE, allowed=False)
    dataset = dataset_create(
        actor=admin,
        name="Candid Street Scenes (research)",
        purpose=PURPOSE,
        commercial=False,
        needs_derivatives=False,
        description="Consenting, openly licensed street photographs for academic research.",
    )
    release = release_build(actor=admin, dataset=dataset)
    release_publish(actor=admin, release=release)
    licensee, secret = licensee_add(
        actor=admin,
        organisation="Example University Vision Lab",
        contact_email="datasets@vision-lab.example.org",
        terms=TERMS,
        datasets=[dataset],
    )
    release_deliver(licensee=licensee, release=release, format="jsonl")
    consent_withdraw(actor=first, photos=[shots[0]], purposes=[PURPOSE])
    return {
        "dataset": dataset,
        "release": release,
        "licensee": licensee,
        "token": secret,
    }


def _photograph(owner: User, key: str, title: str):
    """One of the demo's real photographs (demo/photographs.py), mirrored, under its own
    licence (public domain or CC0) and with its author."""
    data = photograph_small(key, long_side=800, variant=1)
    return photo_upload(
        owner=owner,
        file=io.BytesIO(data),
        filename=f"{key}.jpg",
        size=len(data),
        title=title,
        description=f"A demo photo for dataset consent.\n\n{credit(key, language_for(owner))}",
        licence=PHOTOGRAPHS[key].licence,
        alt_text=_in_language_of(owner, ALT_TEXTS[key]),
    )


def _photo(owner: User, seed: int, title: str, licence: str, visibility: str):
    """A generated image: "all rights reserved" is honest only for the member's own work.
    Shown to followers only, so a visitor's first look holds photographs alone."""
    data = sample_jpeg(800, 600, seed=700 + seed)
    return photo_upload(
        owner=owner,
        file=io.BytesIO(data),
        filename=f"consent{seed}.jpg",
        size=len(data),
        title=title,
        description="A demo photo for dataset consent.",
        licence=licence,
        visibility=visibility,
        alt_text=_in_language_of(owner, GENERATED_ALT),
    )


def _in_language_of(owner: User, texts: dict[str, str]) -> str:
    return texts.get(language_for(owner), texts["en"])
