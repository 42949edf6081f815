"""The pages every operator must publish, filled from the operator profile, and the staff
compliance overview."""

from django.conf import settings
from django.shortcuts import render
from django.urls import reverse

from legal.checks import current_problems
from legal.duties import duties_for
from legal.processing import PROCESSING, retention_values
from legal.profile import operator_profile
from moderation.services.cached import cached_policy
from web.views.moderation_common import moderator_required


def notice(request):
    """§ 5 DDG: the legal notice (Impressum)."""
    return render(request, "legal/notice.html", {"operator": operator_profile()})


def terms(request):
    """DSA Art. 14: restrictions, moderation procedures (automated tools included) and
    complaint handling, pointing to the rules and transparency pages for the detail."""
    context = {
        "operator": operator_profile(),
        "policy": cached_policy(),
        "ods_url": settings.CANDID_ODS_BODIES_URL,
        "transparency_url": reverse("transparency"),
    }
    return render(request, "legal/terms.html", context)


def privacy(request):
    """GDPR Art. 13, generated from legal/processing.py."""
    values = retention_values()
    entries = [
        {
            "title": entry.title,
            "data": entry.data,
            "purpose": entry.purpose,
            "basis": entry.basis,
            "retention": str(entry.retention) % values,
        }
        for entry in PROCESSING
    ]
    return render(
        request, "legal/privacy.html", {"operator": operator_profile(), "entries": entries}
    )


def contact(request):
    """DSA Arts. 11, 12 and 13, and the NetzDG § 5 agent for service."""
    return render(request, "legal/contact.html", {"operator": operator_profile()})


@moderator_required
def compliance(request):
    profile = operator_profile()
    context = {
        "operator": profile,
        "duties": duties_for(profile),
        "problems": current_problems(),
    }
    return render(request, "legal/compliance.html", context)
