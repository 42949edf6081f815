"""The copies of an image the lookup compares (consent.lookup.image.VARIANTS) as the page
names them. The API keeps the English words; the page shows
`{% translate m.variant context "image variant" %}`, and this list puts each in the
catalogue."""

from django.utils.translation import pgettext_lazy

VARIANT_LABELS = (
    pgettext_lazy("image variant", "as uploaded"),
    pgettext_lazy("image variant", "rotated 90°"),
    pgettext_lazy("image variant", "rotated 180°"),
    pgettext_lazy("image variant", "rotated 270°"),
    pgettext_lazy("image variant", "mirrored left-right"),
    pgettext_lazy("image variant", "mirrored top-bottom"),
    pgettext_lazy("image variant", "mirrored on the diagonal"),
    pgettext_lazy("image variant", "mirrored on the other diagonal"),
)
