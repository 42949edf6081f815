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


@pytest.fixture
def bob_stored():
    """bob on peer.test, his key stored (no fetch at intake), and his private key."""
    from django.utils import timezone

    from federation.models import RemoteActor
    from tests.federation.keys import remote_keys

    private_pem, public_pem = remote_keys("bob")
    actor = RemoteActor.objects.create(
        uri="https://peer.test/users/bob",
        domain="peer.test",
        inbox="https://peer.test/users/bob/inbox",
        key_id="https://peer.test/users/bob#main-key",
        public_key_pem=public_pem,
        fetched_at=timezone.now(),
    )
    return actor, private_pem
