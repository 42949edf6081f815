import pytest

from core.models import Event
from photos.models import Photo
from photos.rendition_keys import rendition_key
from social.models import Comment, Favourite
from tests.web.conftest import media_files


def test_photo_page_shows_the_photo_and_its_facts(client, alice, upload, jpeg):
    photo = upload(
        alice,
        jpeg,
        title="Spree at dawn",
        description="Mist on the Spree",
        tags="river berlin",
        licence="cc-by-sa",
    )
    page = client.get(f"/photos/{photo.pk}/").content.decode()
    key = rendition_key(photo)
    assert f'src="/r/{photo.pk}/{key}/large.jpg"' in page
    assert f"/r/{photo.pk}/{key}/small.jpg 320w" in page
    assert f"/r/{photo.pk}/{key}/medium.jpg 640w" in page  # never scaled up past 640 px
    assert 'width="640" height="480"' in page
    assert 'alt="Mist on the Spree"' in page
    assert "Spree at dawn" in page and 'href="/u/alice/"' in page
    assert (
        '<a href="https://creativecommons.org/licenses/by-sa/4.0/" rel="license">'
        "Creative Commons Attribution-ShareAlike 4.0</a>"
    ) in page
    assert 'href="/tags/river/"' in page and 'href="/tags/berlin/"' in page
    assert "Fujifilm X-T5" in page
    assert "17 May 2026" in page  # date taken, from EXIF
    assert "52.52" not in page  # location hidden unless the owner opts in
    assert "Download original" not in page


def test_all_rights_reserved_is_named_but_not_linked(client, alice, upload):
    photo = upload(alice, licence="arr")
    page = client.get(f"/photos/{photo.pk}/").content.decode()
    assert "<dd>All rights reserved<br>" in page
    assert "Nobody may reuse the photo without the photographer’s permission." in page
    assert 'rel="license"' not in page


def test_location_is_shown_only_when_the_owner_opted_in(client, alice, upload, jpeg):
    photo = upload(alice, jpeg, show_location=True)
    page = client.get(f"/photos/{photo.pk}/").content.decode()
    assert "52.52000, 13.40500" in page and "openstreetmap.org" in page


def test_owner_sees_edit_delete_and_download(client, alice, upload):
    photo = upload(alice)
    client.force_login(alice)
    page = client.get(f"/photos/{photo.pk}/").content.decode()
    for url in [
        f"/photos/{photo.pk}/edit/",
        f"/photos/{photo.pk}/delete/",
        f"/photos/{photo.pk}/original",
    ]:
        assert f'href="{url}"' in page


def test_editing_a_photo_calls_the_service(client, alice, upload):
    photo = upload(alice, title="Old")
    client.force_login(alice)
    response = client.post(
        f"/photos/{photo.pk}/edit/",
        {
            "title": "New",
            "description": "d",
            "tags": "a b",
            "licence": "cc0",
            "visibility": "private",
        },
    )
    assert response.status_code == 302
    photo.refresh_from_db()
    assert (photo.title, photo.licence, photo.visibility) == ("New", "cc0", "private")
    assert sorted(photo.tags.values_list("name", flat=True)) == ["a", "b"]
    assert Event.objects.filter(kind="photo.updated").count() == 1


@pytest.mark.parametrize(
    "bad",
    [{"licence": "mine-all-mine"}, {"visibility": "secret"}, {"licence": ""}, {"title": "t" * 201}],
)
def test_a_malformed_edit_shows_errors_and_changes_nothing(client, alice, upload, bad):
    photo = upload(alice, title="Old", licence="cc-by")
    client.force_login(alice)
    data = {
        "title": "New",
        "description": "",
        "tags": "",
        "licence": "cc0",
        "visibility": "public",
        **bad,
    }
    response = client.post(f"/photos/{photo.pk}/edit/", data)
    assert response.status_code == 400
    assert 'class="errorlist"' in response.content.decode()
    photo.refresh_from_db()
    assert (photo.title, photo.licence) == ("Old", "cc-by")
    assert not Event.objects.filter(kind="photo.updated").exists()


def test_only_the_owner_can_edit_or_delete(client, alice, bob, upload):
    photo = upload(alice, title="Mine")
    client.force_login(bob)
    assert client.get(f"/photos/{photo.pk}/edit/").status_code == 404
    assert (
        client.post(
            f"/photos/{photo.pk}/edit/", {"title": "x", "licence": "cc0", "visibility": "public"}
        ).status_code
        == 404
    )
    assert client.post(f"/photos/{photo.pk}/delete/").status_code == 404
    photo.refresh_from_db()
    assert photo.title == "Mine"


def test_deleting_a_photo_asks_first_then_removes_rows_and_files(client, alice, upload, media_dir):
    photo = upload(alice)
    client.force_login(alice)
    confirm = client.get(f"/photos/{photo.pk}/delete/")
    assert "This cannot be undone" in confirm.content.decode()
    assert Photo.objects.exists()
    response = client.post(f"/photos/{photo.pk}/delete/")
    assert response.status_code == 302
    assert not Photo.objects.exists()
    assert Event.objects.filter(kind="photo.deleted").count() == 1


def test_favourite_toggle_and_count(client, alice, bob, upload):
    photo = upload(alice)
    client.force_login(bob)
    client.post(f"/photos/{photo.pk}/favourite/")
    assert Favourite.objects.filter(user=bob, photo=photo).exists()
    page = client.get(f"/photos/{photo.pk}/").content.decode()
    assert "1 favourite<" in page and 'aria-pressed="true"' in page
    assert f'action="/photos/{photo.pk}/unfavourite/"' in page
    client.post(f"/photos/{photo.pk}/unfavourite/")
    assert not Favourite.objects.exists()
    assert "0 favourites" in client.get(f"/photos/{photo.pk}/").content.decode()


def test_posting_a_comment(client, alice, bob, upload):
    photo = upload(alice)
    client.force_login(bob)
    response = client.post(f"/photos/{photo.pk}/comments/", {"body": "Lovely light."})
    assert response.status_code == 302 and response.url.endswith("#comments")
    comment = Comment.objects.get()
    assert (comment.author, comment.body) == (bob, "Lovely light.")
    assert "Lovely light." in client.get(f"/photos/{photo.pk}/").content.decode()


def test_a_comment_with_script_is_shown_escaped(client, alice, bob, upload):
    photo = upload(alice)
    client.force_login(bob)
    client.post(f"/photos/{photo.pk}/comments/", {"body": "<script>alert('x')</script> <b>hi</b>"})
    page = client.get(f"/photos/{photo.pk}/").content.decode()
    assert "<script>alert" not in page and "<b>hi</b>" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &lt;b&gt;hi&lt;/b&gt;" in page


@pytest.mark.parametrize(
    "body, message",
    [
        ("x" * 2001, "Ensure this value has at most 2000 characters"),
        ("   ", "This field is required"),
    ],
)
def test_a_bad_comment_is_refused_and_kept_in_the_form(client, alice, bob, upload, body, message):
    photo = upload(alice)
    client.force_login(bob)
    response = client.post(f"/photos/{photo.pk}/comments/", {"body": body})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Comment.objects.exists()


def test_deleting_comments_author_and_photo_owner_only(client, alice, bob, make_user, upload):
    photo = upload(alice)
    carol = make_user("carol")
    first = Comment.objects.create(photo=photo, author=bob, body="one")
    second = Comment.objects.create(photo=photo, author=bob, body="two")
    client.force_login(carol)
    assert (
        f"/comments/{first.pk}/delete/" not in client.get(f"/photos/{photo.pk}/").content.decode()
    )
    client.post(f"/photos/{photo.pk}/comments/{first.pk}/delete/")
    assert Comment.objects.count() == 2
    client.force_login(bob)
    client.post(f"/photos/{photo.pk}/comments/{first.pk}/delete/")
    client.force_login(alice)
    client.post(f"/photos/{photo.pk}/comments/{second.pk}/delete/")
    assert not Comment.objects.exists()
    assert Event.objects.filter(kind="comment.deleted").count() == 2


def test_anonymous_visitors_cannot_interact(client, alice, bob, upload):
    photo = upload(alice)
    for url in ["favourite/", "comments/"]:
        response = client.post(f"/photos/{photo.pk}/{url}", {"body": "hi"})
        assert response.url.startswith("/accounts/login/")
    assert not Favourite.objects.exists() and not Comment.objects.exists()


def test_deleting_removes_the_stored_files(
    client, alice, upload, media_dir, django_capture_on_commit_callbacks
):
    photo = upload(alice)
    assert media_files(media_dir)
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/photos/{photo.pk}/delete/")
    assert media_files(media_dir) == []
