"""The demo shows real photographs, each with its author and licence, in two languages."""

import hashlib
import io
import re

import numpy as np
import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils.html import escape
from PIL import Image

from demo.community import LANGUAGES
from demo.community_photos import ALT_TEXTS, PHOTOS
from demo.photographs import PHOTOGRAPHS, credit, photograph_bytes
from photos.licences import LICENCES
from photos.models import Photo


@pytest.fixture
def demo(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("demo")


@pytest.mark.parametrize("key", list(PHOTOGRAPHS))
def test_each_demo_file_is_the_published_photograph_of_the_expected_size(key):
    """The very file scikit-image publishes (its own SHA-256 registry), of the size its notes
    give, and a photograph rather than a near-uniform colour: many tones, wide contrast."""
    from skimage.data._registry import registry

    data = photograph_bytes(key)
    assert hashlib.sha256(data).hexdigest() == registry[f"data/{PHOTOGRAPHS[key].file}"]
    with Image.open(io.BytesIO(data)) as image:
        assert image.size == PHOTOGRAPHS[key].size
        grey = np.asarray(image.convert("L"), dtype=np.float32)
    assert grey.std() > 15
    assert len(np.unique(grey)) > 140


def _the_members_photos_are_the_real_photographs():
    for item in PHOTOS:
        photo = Photo.objects.get(owner__username=item.owner, title=item.title)
        assert (photo.width, photo.height) == PHOTOGRAPHS[item.key].size
        assert photo.renditions.count() == 4  # large, medium, tile, small


def _every_public_photo_is_a_credited_photograph():
    """Every photo a visitor can see is a real photograph whose description names its
    author and licence; the one generated image ("all rights reserved" is honest only for
    the member's own work) is for followers only."""
    public = Photo.objects.filter(visibility="public")
    assert public.count() > 40
    for photo in public:
        (key,) = [
            k
            for k in PHOTOGRAPHS
            if credit(k, "en") in photo.description or credit(k, "de") in photo.description
        ]
        assert photo.licence == PHOTOGRAPHS[key].licence
    (generated,) = Photo.objects.filter(licence="arr")
    assert generated.title == "All rights kept" and generated.visibility == "followers"


def _a_visitor_first_sees_the_members_photographs(client):
    page = client.get("/").content.decode()
    newest = page.split('id="recent-heading"')[1].split("</section>")[0]
    titles = re.findall(r'class="caption-title">([^<]+)<', newest)
    members = {item.title for item in PHOTOS if item.visibility == "public"}
    assert titles[:5] and set(titles[:5]) <= members
    assert "All rights kept" not in page


def _each_photo_carries_its_licence_and_author():
    for item in PHOTOS:
        photo = Photo.objects.get(owner__username=item.owner, title=item.title)
        source = PHOTOGRAPHS[item.key]
        assert photo.licence == source.licence and photo.licence in LICENCES
        assert source.author in photo.description
        licence_words = {"cc0": "CC0 1.0", "pdm": "Public Domain"}[source.licence]
        assert licence_words.lower() in photo.description.lower()


def _titles_and_descriptions_exist_in_both_languages():
    owners_language = {"alice": "en", "bob": "de", "carol": "de"}
    titles = {owners_language[item.owner]: [] for item in PHOTOS}
    for item in PHOTOS:
        titles[owners_language[item.owner]].append(item.title)
    assert len(titles["en"]) >= 3 and len(titles["de"]) >= 3
    german = Photo.objects.filter(owner__username="bob").exclude(licence="arr")
    assert all("Foto:" in p.description and "Quelle:" in p.description for p in german)
    assert Photo.objects.filter(owner__username="alice", description__contains="Photo:").exists()
    assert Photo.objects.filter(title="Backsteinmauer").exists()
    assert Photo.objects.filter(title="Hubble eXtreme Deep Field").exists()


def _albums_comments_and_favourites_in_both_languages():
    from photos.models import Album
    from social.models import Comment, Favourite

    assert Album.objects.count() >= 3
    bodies = list(Comment.objects.values_list("body", flat=True))
    assert any("Galaxien" in b for b in bodies) and any("Right?" in b for b in bodies)
    assert Favourite.objects.count() >= 8


def test_the_demo_shows_real_credited_photographs_in_two_languages(demo, client, settings):
    """One demo load (it takes seconds) for every check on what it made."""
    settings.CANDID_ANON_PAGE_SECONDS = 0
    _the_members_photos_are_the_real_photographs()
    _every_public_photo_is_a_credited_photograph()
    _a_visitor_first_sees_the_members_photographs(client)
    _each_photo_carries_its_licence_and_author()
    _titles_and_descriptions_exist_in_both_languages()
    _albums_comments_and_favourites_in_both_languages()
    _every_photo_describes_itself_in_its_owners_language(client)


def _every_photo_describes_itself_in_its_owners_language(client):
    """Alt text on every demo photo, the members' in the language they write, the reposts
    in English; the photo page puts it in the img alt."""
    assert not Photo.objects.filter(alt_text="").exists()
    for item in PHOTOS:
        photo = Photo.objects.get(owner__username=item.owner, title=item.title)
        assert photo.alt_text == ALT_TEXTS[item.key][LANGUAGES[item.owner]]
    chelsea = Photo.objects.get(owner__username="carol", title="Chelsea")
    assert chelsea.alt_text.startswith("Nahaufnahme einer getigerten Katze")
    page = client.get(
        reverse("photo", args=[chelsea.pk]), HTTP_ACCEPT_LANGUAGE="de"
    ).content.decode()
    assert f'alt="{escape(chelsea.alt_text)}"' in page
