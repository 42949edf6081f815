"""A member's upload defaults: the licence, visibility and "show location" a new photo
starts with. One place for both interfaces: the upload form takes them as its initial
values (`UploadDefaults.initial()`), and the upload service (photos.services.photo_upload)
fills in any of the three its caller left out, which is how the API applies them."""

from dataclasses import asdict, dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from core.errors import ServiceError
from core.events import event_record
from photos.licences import LICENCES
from photos.models import Visibility


@dataclass(frozen=True)
class UploadDefaults:
    licence: str
    visibility: str
    show_location: bool

    def initial(self) -> dict:
        """The form's initial values, by the upload form's field names."""
        return asdict(self)


def upload_defaults_for(user: User) -> UploadDefaults:
    """The member's saved defaults; a value no longer offered falls back to Candid's own
    (all rights reserved, public, location hidden)."""
    licence = user.default_licence if user.default_licence in LICENCES else "arr"
    visibility = user.default_visibility
    if visibility not in Visibility.values:
        visibility = Visibility.PUBLIC
    return UploadDefaults(
        licence=licence, visibility=visibility, show_location=user.default_show_location
    )


def upload_defaults_set(
    *, user: User, licence: str, visibility: str, show_location: bool
) -> UploadDefaults:
    """Saves the defaults for the member's next uploads; photos already uploaded keep theirs."""
    if licence not in LICENCES:
        raise ServiceError(
            _("Unknown licence “%(licence)s”. Choose one of: %(choices)s.")
            % {"licence": licence, "choices": ", ".join(LICENCES)}
        )
    if visibility not in Visibility.values:
        raise ServiceError(
            _("Unknown visibility “%(visibility)s”. Choose one of: %(choices)s.")
            % {"visibility": visibility, "choices": ", ".join(Visibility.values)}
        )
    with transaction.atomic():
        user.default_licence, user.default_visibility = licence, visibility
        user.default_show_location = show_location
        user.save(update_fields=["default_licence", "default_visibility", "default_show_location"])
        defaults = upload_defaults_for(user)
        event_record(
            kind="account.upload_defaults_set", actor=user, subject=user, data=asdict(defaults)
        )
    return defaults
