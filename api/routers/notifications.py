"""A member's notifications: read them, mark them read."""

from functools import partial

from django.http import HttpRequest
from ninja import Query, Router

from api.auth import USER_READ, USER_WRITE, user_of
from api.pagination import Page, PageParams, page_of
from api.schemas.common import ERRORS
from api.schemas.notifications import NotificationOut, ReadIn, ReadOut, present_notification
from notifications.selectors import notifications_for
from notifications.services import notifications_read

router = Router(tags=["notifications"])


@router.get("/notifications", response={200: Page[NotificationOut], **ERRORS}, auth=USER_READ)
def notification_list(request: HttpRequest, page: Query[PageParams]):
    """Your notifications, newest first (those about a photo you can no longer see are left
    out). Reading them does not mark them read: `POST /notifications/read` does. Scope `read`."""
    rows = notifications_for(user_of(request))
    return page_of(request, rows, page, partial(present_notification, request))


@router.post("/notifications/read", response={200: ReadOut, **ERRORS}, auth=USER_WRITE)
def notification_read(request: HttpRequest, body: ReadIn | None = None):
    """Mark your notifications read: all, or those up to `up_to` (an id from the list, so
    what arrived after you fetched it stays unread). Scope `write`."""
    up_to = body.up_to if body is not None else None
    return {"marked": notifications_read(user=user_of(request), up_to=up_to)}
