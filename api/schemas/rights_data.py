"""Data exports and erasure requests."""

from datetime import datetime

from django.http import HttpRequest
from django.urls import reverse
from ninja import Field, Schema

from api.schemas.common import absolute
from rights.models import DataExport, ErasureRequest


class ExportOut(Schema):
    id: int
    state: str
    requested_at: datetime
    finished_at: datetime | None
    expires_at: datetime | None
    bytes: int | None
    photo_count: int | None
    error: str = Field("", description="Why a failed export failed (then ask for a new one).")
    download_url: str | None


class ErasureOut(Schema):
    id: int
    state: str
    requested_at: datetime
    scheduled_for: datetime
    deadline_at: datetime
    cancelled_at: datetime | None


def present_export(request: HttpRequest, export: DataExport) -> dict:
    url = None
    if export.state == "ready":
        url = absolute(request, reverse("api:rights_export_download", args=[export.token]))
    fields = (
        "id",
        "state",
        "requested_at",
        "finished_at",
        "expires_at",
        "bytes",
        "photo_count",
        "error",
    )
    return {**{name: getattr(export, name) for name in fields}, "download_url": url}


def present_erasure(erasure: ErasureRequest) -> dict:
    fields = ("id", "state", "requested_at", "scheduled_for", "deadline_at", "cancelled_at")
    return {name: getattr(erasure, name) for name in fields}
