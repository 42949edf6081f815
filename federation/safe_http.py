"""HTTP to other servers that connects to public addresses only, checked at the moment of
connecting. fetch.address_allowed checks the host's addresses first, but the HTTP client
resolves the name again when it connects: a hostile DNS server could answer a public
address to the check and a private one to the client ("DNS rebinding"). Here the address
the socket actually reached is checked before a byte is sent, and the connection closed
if it is not public (127.0.0.1 too with CANDID_FEDERATION_ALLOW_LOCAL=1, in tests).
Through an HTTP proxy the operator configured, the proxy is what is reached, and
address_allowed's check of the host is what remains."""

import ipaddress

import requests
from django.conf import settings
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import NewConnectionError

LOOPBACK = ipaddress.ip_address("127.0.0.1")


def ip_allowed(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%")[0])
    return ip.is_global or (settings.CANDID_FEDERATION_ALLOW_LOCAL and ip == LOOPBACK)


def public_request(method: str, url: str, **options) -> requests.Response:
    """requests.request, through connections checked as above."""
    with requests.Session() as session:
        session.mount("http://", _PublicAdapter())
        session.mount("https://", _PublicAdapter())
        return session.request(method, url, **options)


class _Checked:
    def _new_conn(self):
        sock = super()._new_conn()
        if self.proxy is None and not ip_allowed(sock.getpeername()[0]):
            sock.close()
            raise NewConnectionError(self, f"{self.host} is not a public address")
        return sock


class _HTTP(_Checked, HTTPConnection):
    pass


class _HTTPS(_Checked, HTTPSConnection):
    pass


class _HTTPPool(HTTPConnectionPool):
    ConnectionCls = _HTTP


class _HTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _HTTPS


class _PublicAdapter(HTTPAdapter):
    def init_poolmanager(self, *args, **kwargs):
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _HTTPPool, "https": _HTTPSPool}
