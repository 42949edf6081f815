"""The archive readers by `ImportRun.source`."""

from rights.movein.flickr import FlickrExport

SOURCES = {"flickr": FlickrExport}
