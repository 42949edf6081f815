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
