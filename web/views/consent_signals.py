"""Machine-readable consent for crawlers: robots.txt, the TDMRep well-known file, and the
human-readable TDM policy those point to (W3C TDM Reservation Protocol, 2024)."""

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from consent.models import Purpose, ServedDocument
from consent.proof.documents import served_document_note
from consent.selectors.consent import ai_crawlers_blocked
from consent.selectors.mining import photos_open_to_mining
from consent.signals_http import robots_txt, tdmrep_rules
from web.views.moderation_common import parts_version


@require_safe
def robots(request):
    block = ai_crawlers_blocked()
    body = robots_txt(
        block_ai=block,
        open_photo_ids=[] if block else _open_photo_ids(),
        sitemap_url=settings.SITE_URL + reverse("sitemap"),
    )
    served_document_note(kind=ServedDocument.Kind.ROBOTS_TXT, body=body)
    response = HttpResponse(body, content_type="text/plain")
    response["Cache-Control"] = "public, max-age=3600"
    return response


@require_safe
def tdmrep(request):
    policy = request.build_absolute_uri(reverse("tdm_policy"))
    rules = tdmrep_rules(policy_url=policy, open_photo_ids=_open_photo_ids())
    response = JsonResponse(rules, safe=False)
    served_document_note(kind=ServedDocument.Kind.TDMREP_JSON, body=response.content.decode())
    response["Cache-Control"] = "public, max-age=3600"
    return response


def _open_photo_ids() -> list[int]:
    return photos_open_to_mining(parts_version())


@require_safe
def tdm_policy(request):
    return render(request, "consent/tdm_policy.html", {"purposes": Purpose.choices})
