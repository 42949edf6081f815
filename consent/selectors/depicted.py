"""Reads of depicted-person requests: the staff queue, deadline first."""

from django.utils.translation import gettext as _

from accounts.permissions import ensure_moderator
from consent.models.lookup import DepictedRequest
from core.errors import NotFound


def depicted_requests_for_staff(viewer, *, state: str | None = "open"):
    ensure_moderator(viewer)
    rows = DepictedRequest.objects.select_related("photo__owner", "decided_by")
    return rows.filter(state=state) if state else rows


def depicted_request_for_staff(viewer, request_id: int) -> DepictedRequest:
    found = depicted_requests_for_staff(viewer, state=None).filter(pk=request_id).first()
    if found is None:
        raise NotFound(_("There is no such request."))
    return found
