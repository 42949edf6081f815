"""The sitemap's sections (django.contrib.sitemaps), each cut into blocks of ids.

A block is the indexable rows whose ids fall in [n × BLOCK, (n + 1) × BLOCK): one range
scan on the primary key, at most BLOCK rows, never a count or an OFFSET, so no request
costs more as the community grows. The index lists every block up to the table's highest
id (one index read per section); a block whose rows are all private or gone is simply
empty. What is indexable is photos.open_web's: public pages of members who did not ask
search engines not to index them.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from accounts.models import User
from photos.models import Album, Photo, Tag
from photos.open_web import indexable_albums, indexable_members, indexable_photos, indexable_tags

BLOCK = 2000


class SiteUrlSitemap(Sitemap):
    """Locations under SITE_URL, whatever Host the request named."""

    def get_protocol(self, protocol=None) -> str:
        return urlsplit(settings.SITE_URL).scheme or "https"

    def get_domain(self, site=None) -> str:
        return urlsplit(settings.SITE_URL).netloc


class PagesSitemap(SiteUrlSitemap):
    """The few pages that are the same for every visitor."""

    changefreq = "daily"

    def items(self) -> list[str]:
        return ["home", "explore", "rules", "transparency"]

    def location(self, name: str) -> str:
        return reverse(name)


class BlockSitemap(SiteUrlSitemap):
    model = None

    def __init__(self, block: int):
        self.block = block

    def rows(self):
        raise NotImplementedError

    def items(self) -> list:
        low = self.block * BLOCK
        return list(self.rows().filter(pk__gte=low, pk__lt=low + BLOCK).order_by("pk")[:BLOCK])

    @classmethod
    def block_count(cls) -> int:
        highest = cls.model.objects.order_by("-pk").values_list("pk", flat=True).first()
        return 0 if highest is None else highest // BLOCK + 1


class PhotoSitemap(BlockSitemap):
    model = Photo

    def rows(self):
        return indexable_photos().select_related(None).only("pk", "updated_at")

    def location(self, photo) -> str:
        return reverse("photo", args=[photo.pk])

    def lastmod(self, photo):
        return photo.updated_at


class AlbumSitemap(BlockSitemap):
    model = Album

    def rows(self):
        return indexable_albums().select_related(None).only("pk")

    def location(self, album) -> str:
        return reverse("album", args=[album.pk])


class MemberSitemap(BlockSitemap):
    model = User

    def rows(self):
        return indexable_members().only("pk", "username")

    def location(self, member) -> str:
        return reverse("profile", args=[member.username])


class TagSitemap(BlockSitemap):
    model = Tag

    def rows(self):
        return indexable_tags()

    def location(self, tag) -> str:
        return reverse("tag", args=[tag.name])


SECTIONS: dict[str, type[BlockSitemap]] = {
    "photos": PhotoSitemap,
    "albums": AlbumSitemap,
    "members": MemberSitemap,
    "tags": TagSitemap,
}
