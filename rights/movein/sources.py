"""The archive readers by `ImportRun.source`."""

from rights.movein.flickr import FlickrExport
from rights.movein.folder import PhotoFolder
from rights.movein.mastodon import MastodonArchive

SOURCES = {"flickr": FlickrExport, "mastodon": MastodonArchive, "folder": PhotoFolder}
