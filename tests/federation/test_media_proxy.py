"""Remote images reach members' browsers through Candid's bounded media cache: fetched
once from the real test peer under the SSRF guard, checked to be images, kept within a
total size (least recently shown dropped first), served with cache headers and, for an
author who is not indexable, noindex/noai."""

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from federation import media_proxy
from federation.media_proxy import proxy_url
from federation.models import CachedMedia, DomainBlock, OutgoingFollow, RemoteActor, RemotePost
from photos.samples import sample_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def author(federating, peer):
    document = peer.actor("bob")
    return RemoteActor.objects.create(
        uri=document["id"],
        domain="127.0.0.1",
        username="bob",
        inbox=document["inbox"],
        document=document,
        fetched_at="2026-01-01T00:00:00Z",
    )


def serve(peer, name: str, body: bytes, content_type: str = "image/jpeg") -> str:
    peer.files[f"/media/{name}"] = (body, content_type)
    return f"{peer.base}/media/{name}"


def test_the_feed_shows_remote_images_through_the_proxy_fetched_once(client, alice, author, peer):
    jpeg = sample_bytes("JPEG", 320, 240)
    url = serve(peer, "1.jpg", jpeg)
    OutgoingFollow.objects.create(follower=alice, followee=author, state="accepted")
    RemotePost.objects.create(
        uri=f"{peer.base}/p/1",
        author=author,
        attachments=[{"url": url, "name": "A foggy lake"}],
        published="2026-01-02T00:00:00Z",
    )
    client.force_login(alice)

    html = client.get("/").content.decode()

    assert url not in html  # the browser never contacts the other server
    src = html.split('class="remote-image" src="')[1].split('"')[0]
    assert src.startswith("/remote-media/")
    first = client.get(src)
    second = client.get(src)
    assert first.status_code == second.status_code == 200
    assert first["Content-Type"] == "image/jpeg" and b"".join(first.streaming_content) == jpeg
    assert "max-age=" in first["Cache-Control"] and first["X-Content-Type-Options"] == "nosniff"
    assert first["X-Robots-Tag"] == "noindex, noai, noimageai"  # bob is not indexable
    assert peer.fetched.count("/media/1.jpg") == 1
    assert CachedMedia.objects.get().size == len(jpeg)


def test_an_indexable_author_s_image_carries_no_noindex(client, alice, author, peer):
    author.document = {**author.document, "indexable": True, "discoverable": True}
    author.save()
    client.force_login(alice)
    response = client.get(proxy_url(serve(peer, "2.png", sample_bytes("PNG", 64, 64)), author))
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert "X-Robots-Tag" not in response


def test_what_is_not_an_image_or_too_large_is_refused_and_not_kept(
    client, alice, author, peer, monkeypatch
):
    client.force_login(alice)
    page = serve(peer, "page.jpg", b"<html><script>alert(1)</script></html>", "image/jpeg")
    assert client.get(proxy_url(page, author)).status_code == 404
    monkeypatch.setattr(media_proxy, "MAX_BYTES", 1000)
    big = serve(peer, "big.jpg", sample_bytes("JPEG", 400, 300))
    assert client.get(proxy_url(big, author)).status_code == 404
    assert not CachedMedia.objects.exists()


def test_only_signed_addresses_to_public_hosts_are_fetched(client, alice, author, peer, settings):
    client.force_login(alice)
    url = serve(peer, "3.jpg", sample_bytes("JPEG", 64, 64))
    token = proxy_url(url, author).rsplit("/", 1)[1]
    assert client.get(reverse("remote_media", args=[token[:-2] + "xx"])).status_code == 404
    assert client.get(proxy_url("http://10.1.2.3/secret.jpg", author)).status_code == 404
    settings.CANDID_FEDERATION_ALLOW_LOCAL = False  # production: no http, no 127.0.0.1
    assert client.get(proxy_url(url, author)).status_code == 404
    assert peer.fetched == []


def test_images_of_a_server_whose_media_is_rejected_are_not_fetched(client, alice, author, peer):
    DomainBlock.objects.create(domain="127.0.0.1", kind="reject_media", public_reason="Gore")
    client.force_login(alice)
    assert (
        client.get(
            proxy_url(serve(peer, "4.jpg", sample_bytes("JPEG", 64, 64)), author)
        ).status_code
        == 404
    )
    assert peer.fetched == []


def test_the_cache_is_bounded_and_drops_the_least_recently_shown(
    client, alice, author, peer, settings
):
    client.force_login(alice)
    images = {n: sample_bytes("JPEG", 200, 150, seed=n) for n in range(3)}
    urls = {n: serve(peer, f"{n}.jpg", body) for n, body in images.items()}
    settings.CANDID_MEDIA_CACHE_BYTES = len(images[0]) + len(images[1]) + 10
    for n in (0, 1):
        assert client.get(proxy_url(urls[n], author)).status_code == 200
    CachedMedia.objects.filter(url=urls[0]).update(used_at="2026-01-01T00:00:00Z")  # shown long ago
    gone = CachedMedia.objects.get(url=urls[0]).path

    assert client.get(proxy_url(urls[2], author)).status_code == 200

    assert set(CachedMedia.objects.values_list("url", flat=True)) == {urls[1], urls[2]}
    assert not default_storage.exists(gone)
    total = sum(CachedMedia.objects.values_list("size", flat=True))
    assert total <= settings.CANDID_MEDIA_CACHE_BYTES
