from django.test import RequestFactory

from core.geo import viewer_country


def test_country_comes_from_the_configured_header(settings):
    settings.CANDID_COUNTRY_HEADER = "HTTP_CF_IPCOUNTRY"
    request = RequestFactory().get("/", HTTP_CF_IPCOUNTRY="de")
    assert viewer_country(request) == "DE"


def test_unknown_or_malformed_country_is_empty(settings):
    settings.CANDID_COUNTRY_HEADER = "HTTP_CF_IPCOUNTRY"
    settings.GEOIP_PATH = None
    assert viewer_country(RequestFactory().get("/", HTTP_CF_IPCOUNTRY="<script>")) == ""
    assert viewer_country(RequestFactory().get("/")) == ""


def test_the_address_is_looked_up_once_per_request(settings, monkeypatch):
    from core import geo

    settings.CANDID_COUNTRY_HEADER, settings.GEOIP_PATH = "HTTP_CF_IPCOUNTRY", "/geoip"
    lookups = []
    monkeypatch.setattr(geo, "_geoip_country", lambda address: lookups.append(address) or "FR")
    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.7")
    assert [viewer_country(request) for _ in range(3)] == ["FR"] * 3
    assert lookups == ["192.0.2.7"]
    assert viewer_country(RequestFactory().get("/")) == "FR" and len(lookups) == 2
