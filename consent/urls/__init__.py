"""URLs of the consent app (web pages)."""

from django.urls import path

from web.views import (
    consent_certificates,
    consent_settings,
    consent_signals,
    consent_withdraw,
)

urlpatterns: list = [
    # Consent settings, history and receipts; signals for crawlers (consent/README-consent.md)
    path("settings/consent/", consent_settings.consent_settings, name="consent_settings"),
    path("settings/consent/withdraw/", consent_withdraw.withdraw, name="consent_withdraw"),
    path(
        "settings/consent/receipts/<id:change_id>.json",
        consent_settings.consent_receipt,
        name="consent_receipt",
    ),
    path("photos/<id:photo_id>/consent/", consent_settings.photo_consent, name="photo_consent"),
    path(
        "settings/consent/certificate/",
        consent_certificates.certificate,
        name="consent_certificate",
    ),
    path(
        "transparency/certificates/check/",
        consent_certificates.certificate_check,
        name="consent_certificate_check",
    ),
    path(
        ".well-known/candid-reservation-key.json",
        consent_certificates.signing_key,
        name="consent_signing_key",
    ),
    path("robots.txt", consent_signals.robots, name="robots_txt"),
    path(".well-known/tdmrep.json", consent_signals.tdmrep, name="tdmrep"),
    path("tdm-policy/", consent_signals.tdm_policy, name="tdm_policy"),
]

# Dataset releases, licensees, withdrawals (consent/README-datasets.md)
from consent.urls.releases import urlpatterns as _datasets  # noqa: E402

urlpatterns += _datasets

# "Am I in a dataset?" and depicted-person requests (consent/README-lookup.md)
from consent.urls.lookup import urlpatterns as _lookup  # noqa: E402

urlpatterns += _lookup
