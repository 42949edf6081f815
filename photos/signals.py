"""What the photos app announces to apps built on it, without depending on them."""

from django.dispatch import Signal

# Sent after the commit that deleted photos, with `photo_ids`: consent tells licensees of
# earlier dataset releases holding them to delete their copies.
photos_deleted = Signal()
