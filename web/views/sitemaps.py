"""`/sitemap.xml` (an index) and its sections `/sitemaps/<section>-<block>.xml`; see
web/sitemaps.py for what each holds and why no request grows with the community."""

from django.contrib.sitemaps.views import sitemap
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from web.open_web import absolute_url
from web.sitemaps import SECTIONS, PagesSitemap

CACHE_CONTROL = "public, max-age=3600"


@require_safe
def index(request):
    locations = [absolute_url(reverse("sitemap_pages"))]
    for section, kind in SECTIONS.items():
        for block in range(kind.block_count()):
            locations.append(absolute_url(reverse("sitemap_block", args=[section, block])))
    response = render(
        request,
        "openweb/sitemap_index.xml",
        {"locations": locations},
        content_type="application/xml",
    )
    response["Cache-Control"] = CACHE_CONTROL
    return response


@require_safe
def pages(request):
    return _section(request, PagesSitemap())


@require_safe
def block(request, section: str, block: int):
    kind = SECTIONS.get(section)
    if kind is None or block >= kind.block_count():
        raise Http404("No such sitemap section.")
    return _section(request, kind(block))


def _section(request, site):
    response = sitemap(
        request, {"section": site}, section="section", template_name="openweb/sitemap.xml"
    )
    response["Cache-Control"] = CACHE_CONTROL
    return response
