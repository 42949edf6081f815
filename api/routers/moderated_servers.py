"""The public list of moderated servers (issue #20), as on /transparency/servers/: each
measure Candid keeps on another server, with its public reason and date. Obfuscated
names are given masked, as on the page."""

from datetime import datetime

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from api.auth import PUBLIC_OPENAPI, PUBLIC_READ
from api.pagination import Page, PageParams, page_of
from api.schemas.common import ERRORS
from federation.domain_measures import domain_obfuscated
from federation.models import DomainBlock

router = Router(tags=["transparency"])


class ModeratedServerOut(Schema):
    domain: str = Field(description="The server's name; masked (`e*a*p*e.com`) if obfuscated.")
    kind: str = Field(description="`limit`, `block` or `reject_media`.")
    reject_media: bool = Field(description="Its media are not shown (always for a block).")
    public_reason: str
    decided_at: datetime


@router.get(
    "/moderated-servers",
    response={200: Page[ModeratedServerOut], **ERRORS},
    auth=PUBLIC_READ,
    openapi_extra=PUBLIC_OPENAPI,
)
def moderated_servers(request: HttpRequest, page: Query[PageParams]):
    """The servers Candid limits, blocks or rejects the media of, by name."""
    return page_of(request, DomainBlock.objects.order_by("domain"), page, _present)


def _present(block: DomainBlock) -> dict:
    return {
        "domain": domain_obfuscated(block.domain) if block.obfuscate else block.domain,
        "kind": block.kind,
        "reject_media": block.reject_media or block.kind != DomainBlock.Kind.LIMIT,
        "public_reason": block.public_reason,
        "decided_at": block.decided_at,
    }
