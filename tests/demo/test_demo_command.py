import pytest
from django.core.management import CommandError, call_command

from accounts.models import User
from photos.models import Album, Photo, Rendition
from social.models import Comment, Follow


def test_demo_fills_an_empty_database_with_a_living_community(db):
    call_command("demo")
    assert User.objects.count() == 6
    assert Photo.objects.count() == 11
    assert Rendition.objects.count() == 33
    assert set(Photo.objects.values_list("visibility", flat=True)) == {
        "public",
        "followers",
        "private",
    }
    assert Album.objects.exists() and Follow.objects.exists() and Comment.objects.exists()


def test_demo_if_empty_leaves_an_existing_database_alone(alice):
    call_command("demo", "--if-empty")
    assert User.objects.count() == 1
    with pytest.raises(CommandError):
        call_command("demo")


def test_demo_shows_the_moderation_queue_at_work(db):
    from moderation.models import Appeal, Case, Decision

    call_command("demo")
    assert User.objects.filter(role="moderator").count() == 2
    assert User.objects.filter(role="admin").count() == 1
    grounds = set(Case.objects.filter(state="open").values_list("notices__ground", flat=True))
    assert grounds == {"illegal", "rules"}
    assert Decision.objects.filter(state="in_force").count() == 2
    assert Appeal.objects.filter(state="submitted").count() == 1
