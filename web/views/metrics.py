"""`GET /metrics` in the Prometheus text format (web/metrics.py says what is measured).

Who may read it: a request bearing `Authorization: Bearer <CANDID_METRICS_TOKEN>`, from
anywhere; without the token, only a direct request from an address in CANDID_METRICS_IPS
(loopback by default). A request relayed by a reverse proxy (it carries a forwarding
header) never counts as direct: a proxy on the same machine would otherwise make every
visitor look like 127.0.0.1."""

import hmac

from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from prometheus_client.exposition import CONTENT_TYPE_PLAIN_0_0_4

from core.client_ip import client_address
from web.metrics import metrics_text

FORWARDING_HEADERS = ("HTTP_X_FORWARDED_FOR", "HTTP_X_REAL_IP", "HTTP_FORWARDED")


def _has_token(request) -> bool:
    token = settings.CANDID_METRICS_TOKEN
    given = request.headers.get("Authorization", "")
    return bool(token) and hmac.compare_digest(given.encode(), f"Bearer {token}".encode())


def _direct_from_trusted_address(request) -> bool:
    headers = {*FORWARDING_HEADERS, settings.CANDID_CLIENT_IP_HEADER} - {""}
    if any(name in request.META for name in headers):
        return False
    return client_address(request) in settings.CANDID_METRICS_IPS


def metrics_allowed(request) -> bool:
    return _has_token(request) or _direct_from_trusted_address(request)


@never_cache
@require_safe
def metrics(request):
    if not metrics_allowed(request):
        return HttpResponse(
            _(
                "Metrics need the bearer token (CANDID_METRICS_TOKEN) or a direct request "
                "from an address in CANDID_METRICS_IPS."
            ),
            status=403,
            content_type="text/plain; charset=utf-8",
        )
    # generate_latest writes the classic 0.0.4 text format, which every Prometheus reads.
    return HttpResponse(metrics_text(), content_type=CONTENT_TYPE_PLAIN_0_0_4)
