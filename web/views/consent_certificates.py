"""Reservation certificates: a member asks for one (printable or signed JSON), anyone
checks one against this instance's public hash chain (consent/proof/)."""

import json
from datetime import UTC, datetime, time

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from consent.proof.keys import fingerprint, public_key_text
from consent.proof.verify import certificate_problems
from consent.services.certificates import certificate_issue
from core.errors import ServiceError
from photos.selectors import photo_owned_by
from web.forms_certificates import CertificateCheckForm, CertificateForm


@login_required
@require_http_methods(["GET", "POST"])
def certificate(request):
    form = CertificateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        photo = photo_owned_by(request.user, data["photo"]) if data["photo"] else None
        if data["photo"] and photo is None:
            form.add_error("photo", _("You have no photo with this number."))
        else:
            try:
                document = certificate_issue(
                    owner=request.user,
                    photo=photo,
                    start=datetime.combine(data["start"], time.min, UTC),
                    end=datetime.combine(data["end"], time.max, UTC),
                )
            except ServiceError as error:
                form.add_error(None, error.message)
            else:
                return _answer(request, document, data["output"])
    response = render(request, "consent/certificate_form.html", {"form": form})
    response.status_code = 400 if form.errors else 200
    response["Cache-Control"] = "private, no-store"
    return response


def _answer(request, document: dict, output: str) -> HttpResponse:
    if output == "json":
        body = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
        subject = document["subject"].get("photo_id", "account")
        name = f"candid-reservation-certificate-{subject}.json"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
    else:
        response = render(request, "consent/certificate.html", {"certificate": document})
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "POST"])
def certificate_check(request):
    form = CertificateCheckForm(request.POST or None, request.FILES or None)
    context = {"form": form, "checked": False}
    if request.method == "POST" and form.is_valid():
        document = form.cleaned_data["certificate"]
        context.update(checked=True, problems=certificate_problems(document), certificate=document)
    status = 400 if form.errors else 200
    return render(request, "consent/certificate_check.html", context, status=status)


@require_safe
def signing_key(request):
    key = public_key_text()
    return JsonResponse(
        {"algorithm": "Ed25519", "public_key": key, "fingerprint": fingerprint(key)}
    )
