"""The viewer's country, for decisions that withhold content in named countries only.

Set CANDID_COUNTRY_HEADER to the request header your load balancer or CDN fills with an
ISO country code (e.g. HTTP_CF_IPCOUNTRY). Failing that, when GEOIP_PATH points to a
MaxMind GeoLite2/GeoIP2 country database and the `geoip2` package is installed, Django's
GeoIP2 wrapper looks the address up. Otherwise the country is unknown ("") and nothing is
withheld from that viewer, which is why operators serving withholding decisions must
configure one of the two.
"""

import functools
import re

from django.conf import settings

from core.client_ip import client_address


def viewer_country(request) -> str:
    """Worked out once per request: a page, its cache key and its view all ask."""
    if not hasattr(request, "candid_country"):
        request.candid_country = _country_of(request)
    return request.candid_country


def _country_of(request) -> str:
    code = request.META.get(settings.CANDID_COUNTRY_HEADER, "").strip().upper()
    if re.fullmatch(r"[A-Z]{2}", code):
        return code
    if settings.GEOIP_PATH:
        return _geoip_country(client_address(request))
    return ""


@functools.cache
def _geoip():
    """One reader per process: opening the database on every request would be I/O on the
    hottest path (every counted page view asks for the country)."""
    from django.contrib.gis.geoip2 import GeoIP2

    return GeoIP2()


def _geoip_country(address: str) -> str:
    try:
        return (_geoip().country_code(address) or "").upper()
    except Exception:  # noqa: BLE001 - no database, private address, or lookup failure
        return ""
