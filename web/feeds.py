"""Atom feeds of a member's, a tag's and a public album's photos (django.contrib.syndication).

Only photos anyone anywhere may see (photos.open_web): feed readers and aggregators keep
what they fetch. Each feed is the newest FEED_SIZE photos (an album's first FEED_SIZE in
album order), one bounded query and no count; links are absolute under SITE_URL.
"""

from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html, linebreaks
from django.utils.translation import gettext as _

from accounts.selectors import user_by_username
from photos.open_web import album_open, photos_open
from photos.selectors import album_photos, photos_by, photos_tagged
from web.open_web import absolute_url
from web.templatetags.candid import rendition_url

FEED_SIZE = 30


class PhotoFeed(Feed):
    feed_type = Atom1Feed

    def __call__(self, request, *args, **kwargs):
        """Feeds are for readers; search engines index the pages they link to (and so
        follow each member's robots choice there)."""
        response = super().__call__(request, *args, **kwargs)
        response["X-Robots-Tag"] = "noindex"
        return response

    def photos(self, obj):
        raise NotImplementedError

    def items(self, obj):
        return list(photos_open(self.photos(obj)).prefetch_related("tags")[:FEED_SIZE])

    def item_title(self, photo) -> str:
        return photo.title or _("Untitled")

    def item_link(self, photo) -> str:
        return absolute_url(reverse("photo", args=[photo.pk]))

    def item_description(self, photo) -> str:
        """The picture (unless marked sensitive) and the description, as HTML."""
        image = ""
        if not photo.sensitive:
            image = format_html(
                '<p><img src="{}" alt="{}"></p>',
                absolute_url(rendition_url(photo, "medium")),
                photo.alt_text,
            )
        return image + linebreaks(photo.description, autoescape=True)

    def item_author_name(self, photo) -> str:
        return photo.owner.name

    def item_author_link(self, photo) -> str:
        return absolute_url(reverse("profile", args=[photo.owner.username]))

    def item_pubdate(self, photo):
        return photo.created_at

    def item_updateddate(self, photo):
        return photo.updated_at

    def item_categories(self, photo) -> list[str]:
        return [tag.name for tag in photo.tags.all()]


class MemberFeed(PhotoFeed):
    def get_object(self, request, username: str):
        member = user_by_username(username)
        if member is None:
            raise Http404("No such member.")
        return member

    def photos(self, member):
        return photos_by(member, AnonymousUser())

    def title(self, member) -> str:
        return _("Photos by %(name)s on Candid") % {"name": member.name}

    def link(self, member) -> str:
        return absolute_url(reverse("profile", args=[member.username]))

    def feed_url(self, member) -> str:
        return absolute_url(reverse("profile_feed", args=[member.username]))

    def description(self, member) -> str:
        return member.bio


class TagFeed(PhotoFeed):
    def get_object(self, request, name: str) -> str:
        return name

    def photos(self, name: str):
        return photos_tagged(name, AnonymousUser())

    def title(self, name: str) -> str:
        return _("Photos tagged #%(tag)s on Candid") % {"tag": name}

    def link(self, name: str) -> str:
        return absolute_url(reverse("tag", args=[name]))

    def feed_url(self, name: str) -> str:
        return absolute_url(reverse("tag_feed", args=[name]))


class AlbumFeed(PhotoFeed):
    def get_object(self, request, album_id: int):
        album = album_open(album_id)
        if album is None:
            raise Http404("No such album.")
        return album

    def photos(self, album):
        return album_photos(album, AnonymousUser())

    def title(self, album) -> str:
        return _("Album “%(title)s” by %(name)s on Candid") % {
            "title": album.title,
            "name": album.owner.name,
        }

    def link(self, album) -> str:
        return absolute_url(reverse("album", args=[album.pk]))

    def feed_url(self, album) -> str:
        return absolute_url(reverse("album_feed", args=[album.pk]))

    def description(self, album) -> str:
        return album.description
