"""The archive readers by `ImportRun.source`."""

from rights.movein.flickr import FlickrExport
from rights.movein.folder import PhotoFolder
from rights.movein.mastodon import MastodonArchive
from rights.movein.pixelfed import PixelfedExport

SOURCES = {
    "flickr": FlickrExport,
    "mastodon": MastodonArchive,
    "folder": PhotoFolder,
    "pixelfed": PixelfedExport,
}
