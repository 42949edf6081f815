"""The one way to append to the event log. Call it inside the service's transaction."""

from typing import Any

from django.db import models

from core.models import Event


def event_record(
    *,
    kind: str,
    actor: Any = None,
    subject: models.Model | None = None,
    data: dict | None = None,
    private: dict | None = None,
) -> Event:
    return Event.objects.create(
        kind=kind,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        subject_type=subject._meta.label_lower if subject is not None else "",
        subject_id=subject.pk if subject is not None else None,
        data=data or {},
        private=private or {},
    )
