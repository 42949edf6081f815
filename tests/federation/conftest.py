import pytest

AP = "application/activity+json"
SITE = "https://candid.test"


@pytest.fixture
def federating(settings):
    settings.CANDID_FEDERATION = True
    settings.SITE_URL = SITE
    return settings


@pytest.fixture
def ap_get(client):
    def get(path: str, accept: str = AP, **extra):
        return client.get(path, HTTP_ACCEPT=accept, **extra)

    return get


@pytest.fixture
def peer(settings):
    from tests.federation.peer import Peer

    settings.CANDID_FEDERATION_ALLOW_LOCAL = True
    settings.ALLOWED_HOSTS = ["*"]
    server = Peer()
    yield server
    server.close()
