"""What narrows and orders a photo search, read from a request's parameters, the same for
the search page and the API: licence, camera, date taken from/to, and the sort. A value
that cannot be understood is refused with a message that names it (SearchRefused, a 400),
never silently dropped and never a 500."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from photos.licences import LICENCES
from photos.search_match import SearchRefused

MAX_CAMERA_CHARS = 80
MAX_CAMERA_WORDS = 4

SORTS = {
    "relevance": pgettext_lazy("search sort", "Relevance"),
    "newest": pgettext_lazy("search sort", "Newest"),
    "favourites": pgettext_lazy("search sort", "Most favourited"),
}
DEFAULT_SORT = "relevance"
OPTION_NAMES = {"licence", "camera", "taken_from", "taken_to", "sort"}
_CAMERA_KEYS = ("make", "model")

BAD_DATE = gettext_lazy("“%(value)s” is not a date: write it as YYYY-MM-DD, e.g. 2024-07-31.")


@dataclass(frozen=True)
class SearchOptions:
    licence: str = ""
    camera: str = ""
    taken_from: date | None = None
    taken_to: date | None = None
    sort: str = DEFAULT_SORT

    def photo_filter(self) -> Q:
        """The filters as one condition on photos (taken dates in UTC, as stored: EXIF
        times carry no zone), `Q()` when none is set."""
        where = Q()
        if self.licence:
            where &= Q(licence=self.licence)
        for word in self.camera.split():
            where &= Q(camera__make__icontains=word) | Q(camera__model__icontains=word)
        if self.taken_from:
            where &= Q(taken_at__gte=datetime.combine(self.taken_from, time.min, tzinfo=UTC))
        if self.taken_to:
            day_after = datetime.combine(self.taken_to + timedelta(days=1), time.min, tzinfo=UTC)
            where &= Q(taken_at__lt=day_after)
        return where

    @property
    def filtered(self) -> bool:
        return bool(self.licence or self.camera or self.taken_from or self.taken_to)


def search_options(params: Mapping[str, str]) -> SearchOptions:
    """`licence`, `camera`, `taken_from`, `taken_to` and `sort` from request parameters;
    blank ones are not set."""
    licence = _text(params, "licence")
    if licence and licence not in LICENCES:
        raise SearchRefused(
            _("There is no licence “%(value)s”; choose one of: %(codes)s.")
            % {"value": licence[:40], "codes": ", ".join(LICENCES)}
        )
    sort = _text(params, "sort") or DEFAULT_SORT
    if sort not in SORTS:
        raise SearchRefused(
            _("Results cannot be sorted by “%(value)s”; choose one of: %(sorts)s.")
            % {"value": sort[:40], "sorts": ", ".join(SORTS)}
        )
    taken_from, taken_to = _date(params, "taken_from"), _date(params, "taken_to")
    if taken_from and taken_to and taken_from > taken_to:
        raise SearchRefused(_("The “taken from” date is after the “taken to” date."))
    return SearchOptions(
        licence=licence,
        camera=_camera(_text(params, "camera")),
        taken_from=taken_from,
        taken_to=taken_to,
        sort=sort,
    )


def _text(params: Mapping[str, str], name: str) -> str:
    value = (params.get(name) or "").strip()
    if "\x00" in value:
        raise SearchRefused(_("A search cannot contain a NUL character."))
    return value


def _camera(value: str) -> str:
    if len(value) > MAX_CAMERA_CHARS:
        raise SearchRefused(
            _("A camera can be at most %(count)d characters long; shorten it.")
            % {"count": MAX_CAMERA_CHARS}
        )
    return " ".join(value.split()[:MAX_CAMERA_WORDS])


def _date(params: Mapping[str, str], name: str) -> date | None:
    value = _text(params, name)
    if not value:
        return None
    try:
        if len(value) == 10:  # YYYY-MM-DD only, not the other forms ISO 8601 allows
            return date.fromisoformat(value)
    except ValueError:
        pass
    raise SearchRefused(str(BAD_DATE) % {"value": value[:40]})
