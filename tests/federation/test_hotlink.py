"""Images from other servers load through Candid's media proxy unless the member chose, in
Settings → Other servers, to load them directly (issue #19: "or hot-linked by the member's
choice"): then the feed links the original and the page's CSP allows exactly that server."""

import pytest
from django.test import Client
from django.urls import reverse

from core.models import Event
from federation.models import LocalActor, OutgoingFollow, RemoteActor, RemotePost

pytestmark = pytest.mark.django_db

IMAGE = "https://pixelfed.example/storage/m/fog.jpg"


@pytest.fixture
def followed_post(alice, bob):
    author = RemoteActor.objects.create(
        uri="https://pixelfed.example/users/pia",
        domain="pixelfed.example",
        username="pia",
        inbox="https://pixelfed.example/users/pia/inbox",
        fetched_at="2026-01-01T00:00:00Z",
    )
    for member in (alice, bob):
        OutgoingFollow.objects.create(follower=member, followee=author, state="accepted")
    return RemotePost.objects.create(
        uri="https://pixelfed.example/p/pia/1",
        author=author,
        attachments=[{"url": IMAGE, "name": "A foggy lake"}],
        published="2026-01-02T00:00:00Z",
    )


def image_src(client) -> str:
    response = client.get("/")
    html = response.content.decode()
    return html.split('class="remote-image" src="')[1].split('"')[0], response


def csrf_client(user) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    client.get(reverse("federation_settings"))
    return client


def choose(client: Client, direct: bool):
    token = client.cookies["csrftoken"].value
    data = {"csrfmiddlewaretoken": token, **({"images_direct": "on"} if direct else {})}
    return client.post(reverse("federation_images"), data)


def test_by_default_the_feed_loads_remote_images_through_the_proxy(
    federating, client, alice, followed_post
):
    client.force_login(alice)
    src, response = image_src(client)
    assert src.startswith("/remote-media/")
    assert IMAGE not in response.content.decode()
    assert "pixelfed.example" not in response["Content-Security-Policy"]


def test_after_choosing_direct_images_the_feed_links_the_origin_and_others_keep_the_proxy(
    federating, alice, bob, followed_post
):
    client = csrf_client(alice)

    assert choose(client, True).status_code == 302

    assert LocalActor.objects.get(user=alice).images_direct is True
    assert Event.objects.filter(kind="federation.images_direct_set", actor=alice).exists()
    src, response = image_src(client)
    assert src == IMAGE
    img_src = next(
        part for part in response["Content-Security-Policy"].split(";") if "img-src" in part
    )
    assert img_src.split() == ["img-src", "'self'", "https://pixelfed.example"]

    other = Client()
    other.force_login(bob)
    src, response = image_src(other)
    assert src.startswith("/remote-media/")
    assert "pixelfed.example" not in response["Content-Security-Policy"]

    choose(client, False)  # and back
    assert image_src(client)[0].startswith("/remote-media/")


def test_saving_the_image_choice_keeps_the_member_findable(federating, alice):
    client = csrf_client(alice)
    choose(client, True)
    assert LocalActor.objects.get(user=alice).findable is True


def test_the_choice_needs_the_csrf_token(federating, alice):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)

    response = client.post(reverse("federation_images"), {"images_direct": "on"})

    assert response.status_code == 403
    assert not LocalActor.objects.filter(user=alice, images_direct=True).exists()


def test_a_url_whose_host_could_write_into_the_policy_stays_on_the_proxy(
    federating, alice, followed_post
):
    followed_post.attachments = [{"url": "https://a.example;script-src:*/x.jpg", "name": ""}]
    followed_post.save()
    client = csrf_client(alice)
    choose(client, True)

    src, response = image_src(client)

    assert src.startswith("/remote-media/")
    assert "script-src:*" not in response["Content-Security-Policy"]


def test_the_page_explains_the_choice_in_german(federating, client, alice):
    client.force_login(alice)
    html = client.get(reverse("federation_settings"), HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert 'name="images_direct"' in html
    assert "Bilder von anderen Servern direkt laden" in html
    assert "IP-Adresse" in html
    english = client.get(reverse("federation_settings"), HTTP_ACCEPT_LANGUAGE="en").content
    assert "shows the other server your IP address" in english.decode()
