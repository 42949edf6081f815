"""The public list of moderated servers (issue #20): every measure Candid keeps on another
server, with its kind, public reason and date, as the fediverse's better servers publish
theirs. Anyone may read it; obfuscated names are shown masked."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from federation.domain_measures import domain_obfuscated
from federation.models import DomainBlock
from web.keyset_pagination import paged

PER_PAGE = 100


@require_GET
def moderated_servers(request):
    page = paged(request, DomainBlock.objects.order_by("domain"), per_page=PER_PAGE)
    for block in page.items:
        block.shown_name = domain_obfuscated(block.domain) if block.obfuscate else block.domain
    return render(request, "transparency/servers.html", {"page": page})
