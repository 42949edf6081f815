"""The caller's upload defaults and e-mail notification choices, as on the settings page.
Each endpoint reads through a selector or writes through one service."""

from django.http import HttpRequest
from ninja import Router

from accounts.upload_defaults import upload_defaults_for, upload_defaults_set
from api.auth import USER_READ, USER_WRITE, user_of
from api.schemas.common import ERRORS
from api.schemas.me_settings import DefaultsIn, DefaultsOut, EmailSettingsIn, EmailSettingsOut
from notifications.selectors import email_choices
from notifications.services import email_preferences_set

router = Router(tags=["settings"])


@router.get("/me/defaults", response={200: DefaultsOut, **ERRORS}, auth=USER_READ)
def defaults(request: HttpRequest):
    """The licence, visibility and "show location" your new photos start with (an upload
    that leaves one out gets it from here). Scope `read`."""
    return upload_defaults_for(user_of(request)).initial()


@router.put("/me/defaults", response={200: DefaultsOut, **ERRORS}, auth=USER_WRITE)
def defaults_set(request: HttpRequest, body: DefaultsIn):
    """Set the defaults for your next uploads; photos already uploaded keep theirs.
    Scope `write`."""
    saved = upload_defaults_set(user=user_of(request), **body.model_dump())
    return saved.initial()


@router.get("/me/notification-settings", response={200: EmailSettingsOut, **ERRORS}, auth=USER_READ)
def notification_settings(request: HttpRequest):
    """How each kind of notification reaches you by e-mail. Scope `read`."""
    return {"email": email_choices(user_of(request))}


@router.put(
    "/me/notification-settings", response={200: EmailSettingsOut, **ERRORS}, auth=USER_WRITE
)
def notification_settings_set(request: HttpRequest, body: EmailSettingsIn):
    """Choose how kinds of notification reach you by e-mail. A kind taken out of the daily
    digest drops what was waiting for it. Scope `write`."""
    user = user_of(request)
    email_preferences_set(user=user, choices=dict(body.email), via="api")
    return {"email": email_choices(user)}
