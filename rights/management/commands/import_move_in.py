"""manage.py import_move_in USERNAME PATH... [--kind mastodon|folder|pixelfed|flickr]
[--fetch-media] [--create-user] [--no-wait]"""

from rights.management.commands import import_flickr

KINDS = ("mastodon", "folder", "pixelfed", "flickr")


class Command(import_flickr.Command):
    help = (
        "Move an archive from another service into an account: a Mastodon archive "
        "(.tar.gz), a folder or zips of photos with XMP sidecars or embedded XMP/IPTC "
        "(Lightroom, darktable, digiKam), or a Flickr export. The kind is told by the "
        "content unless --kind names it. Progress, resume and summary as import_flickr."
    )
    kind = None

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--kind", choices=KINDS, default=None)
        parser.add_argument(
            "--fetch-media",
            action="store_true",
            help="Pixelfed: fetch each image from the address the export names",
        )
