"""Full-text photo search: stemming, prefixes, weights, ranking, and an index kept in step
with every change of title, description, tags and the owner's name."""

from datetime import timedelta

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from accounts.services import profile_update
from photos.models import Photo
from photos.search import photo_search, photo_search_ranked, search_terms
from photos.services import photo_update
from social.audience_services import follow_request_accept
from social.services import follow_create
from tests.search.conftest import on_postgresql


def found(query: str, viewer=None, **kw) -> list[str]:
    return [p.title for p in photo_search(query, viewer or AnonymousUser(), **kw).items]


@on_postgresql
def test_german_plural_finds_the_singular_in_a_title(alice, shoot):
    """The german snowball stemmer maps Häuser, Häusern and Haus to `haus`."""
    shoot(alice, "Das alte Haus am See")
    shoot(alice, "Bäume im Winter")
    assert found("Häuser") == ["Das alte Haus am See"]
    assert found("Häusern") == ["Das alte Haus am See"]
    assert found("Baum") == ["Bäume im Winter"]


def test_english_plural_finds_the_singular(alice, shoot):
    shoot(alice, "A house by the lake")
    assert found("houses") == ["A house by the lake"]


def test_a_word_prefix_finds_the_whole_word(alice, shoot):
    shoot(alice, "Berlin at night")
    shoot(alice, "Hamburg harbour")
    assert found("berl") == ["Berlin at night"]
    assert found("BERL nig") == ["Berlin at night"]


def test_every_word_must_match_somewhere(alice, shoot):
    shoot(alice, "Harbour", description="boats at dawn", tags="sea")
    shoot(alice, "Harbour wall")
    assert found("harbour dawn") == ["Harbour"]
    assert found("sea harbour") == ["Harbour"]
    assert found("harbour desert") == []


def test_title_and_tags_rank_above_description_then_newest_first(alice, shoot):
    in_title_old = shoot(alice, "Light on water")
    shoot(alice, "Evening", description="soft light over the fields")
    in_tag = shoot(alice, "Street corner", tags="light")
    in_title_new = shoot(alice, "Light and shadow")
    titles = found("light")
    assert titles[-1] == "Evening"
    assert set(titles[:3]) == {in_title_old.title, in_tag.title, in_title_new.title}
    assert titles.index("Light and shadow") < titles.index("Light on water")


def test_the_owners_display_name_is_searched(alice, bob, shoot):
    shoot(alice, "Dunes")
    shoot(bob, "Cliffs")
    assert found("example") == ["Dunes"]  # alice's display name is "Alice Example"
    assert found("bob") == ["Cliffs"]  # no display name: the username is shown and found


def test_a_new_title_description_and_tags_are_found_and_the_old_ones_are_not(alice, shoot):
    photo = shoot(alice, "Meadow", description="cows", tags="farm")
    photo_update(
        actor=alice,
        photo=photo,
        title="Glacier",
        description="ice",
        tags="mountains",
        licence=photo.licence,
        visibility=photo.visibility,
        show_location=False,
    )
    for gone in ("meadow", "cows", "farm"):
        assert found(gone) == [], gone
    for word in ("glacier", "ice", "mountains"):
        assert found(word) == ["Glacier"], word


def test_a_deleted_photo_leaves_the_index(alice, shoot):
    photo = shoot(alice, "Ephemeral")
    Photo.objects.filter(pk=photo.pk).delete()
    assert found("ephemeral") == []
    shoot(alice, "Ephemeral again")
    assert found("ephemeral") == ["Ephemeral again"]


def test_a_new_display_name_reaches_the_photos_after_the_request_in_the_background(
    alice, shoot, django_capture_on_commit_callbacks
):
    shoot(alice, "Dunes")
    with django_capture_on_commit_callbacks(execute=False) as scheduled:
        profile_update(user=alice, display_name="Zora Quill", bio="")
    # The request itself rewrote nothing: the photos are still found under the old name.
    assert found("quill") == [] and found("example") == ["Dunes"]
    for callback in scheduled:
        callback()  # the refresh task (run at once by the immediate task backend)
    assert found("quill") == ["Dunes"] and found("example") == []


def test_only_what_the_viewer_may_see_is_found(alice, bob, make_user, shoot):
    carol = make_user("carol")
    for visibility in ("public", "followers", "private"):
        shoot(alice, f"{visibility} sunset", visibility=visibility)
    follow_create(follower=bob, followee=alice)  # a request: alice approves
    follow_request_accept(followee=alice, follower=bob)
    assert sorted(found("sunset", alice)) == [
        "followers sunset",
        "private sunset",
        "public sunset",
    ]
    assert sorted(found("sunset", bob)) == ["followers sunset", "public sunset"]
    assert found("sunset", carol) == ["public sunset"]
    assert found("sunset") == ["public sunset"]


def test_demoted_removed_withheld_and_restricted_owners_photos_are_left_out(
    alice, bob, make_user, shoot
):
    kept = shoot(alice, "Kept tide")
    Photo.objects.filter(pk=shoot(alice, "Demoted tide").pk).update(demoted=True)
    Photo.objects.filter(pk=shoot(alice, "Removed tide").pk).update(removed_at=timezone.now())
    Photo.objects.filter(pk=shoot(alice, "Withheld tide").pk).update(withheld_in=",DE,")
    suspended = make_user("suzy")
    shoot(suspended, "Suspended tide")
    suspended.suspended_until = timezone.now() + timedelta(days=3)
    suspended.save(update_fields=["suspended_until"])
    assert found("tide", bob, country="DE") == [kept.title]
    assert sorted(found("tide", bob, country="FR")) == ["Kept tide", "Withheld tide"]


def test_results_page_by_cursor_without_repeats(alice, shoot):
    photos = [shoot(alice, f"Pebble {i}") for i in range(5)]
    seen, after = [], None
    for _ in range(3):
        page = photo_search("pebble", alice, after=after, limit=2)
        seen += [p.pk for p in page.items]
        after = page.next_cursor
    assert after is None
    assert seen == [p.pk for p in reversed(photos)]  # same rank: newest first


def test_only_the_newest_matches_are_ranked(alice, shoot):
    newest = [shoot(alice, f"Cap {i}").pk for i in range(3)][1:]
    ranked = photo_search_ranked(search_terms("cap"), alice, candidates=2)
    assert sorted(pk for _, _, pk in ranked) == sorted(newest)
