"""Whether the instance shows images from a server (DomainBlock `reject_media`). A stand-in
until federation.domains carries the instance's media measures (issue #20)."""

from federation.models import DomainBlock


def media_rejected(domain: str) -> bool:
    return DomainBlock.objects.filter(
        domain=domain.lower(), kind__in=[DomainBlock.Kind.REJECT_MEDIA, DomainBlock.Kind.BLOCK]
    ).exists()
