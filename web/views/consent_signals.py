"""Machine-readable consent for crawlers: robots.txt, the TDMRep well-known file, and the
human-readable TDM policy those point to (W3C TDM Reservation Protocol, 2024)."""

from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from consent.models import Purpose, ServedDocument
from consent.proof.documents import served_document_note
from consent.selectors.consent import ai_crawlers_blocked
from consent.signals_http import robots_txt, tdmrep_rules


@require_safe
def robots(request):
    body = robots_txt(block_ai=ai_crawlers_blocked())
    served_document_note(kind=ServedDocument.Kind.ROBOTS_TXT, body=body)
    response = HttpResponse(body, content_type="text/plain")
    response["Cache-Control"] = "public, max-age=3600"
    return response


@require_safe
def tdmrep(request):
    policy = request.build_absolute_uri(reverse("tdm_policy"))
    response = JsonResponse(tdmrep_rules(policy_url=policy), safe=False)
    served_document_note(kind=ServedDocument.Kind.TDMREP_JSON, body=response.content.decode())
    response["Cache-Control"] = "public, max-age=3600"
    return response


@require_safe
def tdm_policy(request):
    return render(request, "consent/tdm_policy.html", {"purposes": Purpose.choices})
