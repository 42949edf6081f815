"""The caller's own settings the API reaches: upload defaults and e-mail notification
choices. Passwords and e-mail addresses are deliberately not among them (README, API)."""

from typing import Literal

from ninja import Field, Schema

from api.schemas.photos import LicenceCode, VisibilityValue
from api.schemas.text import InputSchema
from notifications.kinds import CHOOSABLE, Email

KindValue = Literal[CHOOSABLE]
EmailValue = Literal[tuple(Email.values)]


class DefaultsOut(Schema):
    licence: LicenceCode
    visibility: VisibilityValue
    show_location: bool = Field(description="Whether a new photo shows where it was taken.")


class DefaultsIn(InputSchema):
    licence: LicenceCode = Field(description="Licence code of new photos.")
    visibility: VisibilityValue = Field(description="Who sees new photos.")
    show_location: bool = Field(description="Whether a new photo shows where it was taken.")


EMAIL_HELP = (
    "Per kind of notification: `immediate` (an e-mail at once), `digest` (one e-mail a "
    "day) or `off`. Moderation and legal notices are always e-mailed and have no choice."
)


class EmailSettingsOut(Schema):
    email: dict[KindValue, EmailValue] = Field(description=EMAIL_HELP)


class EmailSettingsIn(InputSchema):
    email: dict[KindValue, EmailValue] = Field(
        description=f"{EMAIL_HELP} Kinds left out keep their choice."
    )
