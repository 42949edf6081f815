"""Telling another server about a DSA Art. 23 measure against it (a warning, or the
suspension of the processing of its reports; moderation/services/misuse.py
`misuse_review_server`). The measure is taken and logged by moderation; the worker, which
follows the event log (sync.py), sends its statement as a private `Note` from the instance
actor to the actor that sent the reports, so the server learns why, as a member would by
email."""

from django.utils import timezone

from federation import addresses
from federation.actors import instance_actor
from federation.delivery import deliveries_queue
from federation.documents import AS_CONTEXT
from federation.models import RemoteActor
from moderation.models import MisuseMeasure
from moderation.services.misuse import server_notices

MEASURE_EVENT = "moderation.misuse_measure"


def measures_send(events: list[dict]) -> int:
    """Send the statements of the server measures among `events`; the number sent."""
    ids = [e["subject_id"] for e in events if e["kind"] == MEASURE_EVENT and e["subject_id"]]
    measures = MisuseMeasure.objects.filter(pk__in=ids).exclude(server="")
    return sum(measure_send(measure) for measure in measures)


def measure_send(measure: MisuseMeasure) -> int:
    reporter = server_notices(measure.server).order_by("-received_at").first()
    actor = RemoteActor.objects.filter(uri=reporter.notifier_name).first() if reporter else None
    if actor is None:
        return 0
    sender = addresses.instance_actor_id()
    note = {
        "id": f"{sender}#measures/{measure.pk}",
        "type": "Note",
        "attributedTo": sender,
        "to": [actor.uri],
        "content": measure.statement,
        "published": timezone.now().isoformat(),
    }
    activity = {
        "@context": AS_CONTEXT,
        "id": f"{note['id']}/create",
        "type": "Create",
        "actor": sender,
        "to": [actor.uri],
        "object": note,
    }
    return deliveries_queue(
        sender=instance_actor(), activity=activity, inboxes=[actor.inbox or actor.shared_inbox]
    )
