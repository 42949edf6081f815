"""The client's network address: the one decision that rate limits, the GeoIP country
(withholding decisions), the DSA active-recipient count (Art. 24(2)), session records, the
staff sign-in log and the metrics' direct-request check all use.

Behind a reverse proxy REMOTE_ADDR is the proxy, so every visitor would look like one
client: one rate-limit budget, one recipient. The proxy names the client in a header
(CANDID_CLIENT_IP_HEADER; X-Forwarded-For unless told), but any client can send that header
too. So the header is believed only when the request comes from an address in
CANDID_TRUSTED_PROXIES, and in an X-Forwarded-For chain only as far as trusted proxies
wrote it: reading from the right (each proxy appends the address it received the request
from), the first address that is not a trusted proxy is the client. Whatever stands left
of it was written by that client and is ignored. Without trusted proxies, REMOTE_ADDR.
The entry `unix` trusts a proxy connected over a unix socket (gunicorn --bind unix:…),
whose requests have an empty REMOTE_ADDR.
"""

import functools
import ipaddress
from collections.abc import Iterable

from django.conf import settings

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network
FORWARDED_FOR = "HTTP_X_FORWARDED_FOR"
UNIX = "unix"
UNKNOWN = ipaddress.ip_address("0.0.0.0")  # noqa: S104 - a unix-socket peer's address


def client_address(request) -> str:
    """The address of the client that sent `request` (see the module docstring); worked out
    once per request."""
    if not hasattr(request, "candid_client_address"):
        request.candid_client_address = str(_client_of(request))
    return request.candid_client_address


def proxy_networks(entries: Iterable[str]) -> tuple[Network, ...]:
    """CANDID_TRUSTED_PROXIES' entries (addresses or CIDR networks) as networks, `unix`
    left out; a ValueError names the first entry that is none of these."""
    networks = []
    for entry in (e.strip() for e in entries):
        if not entry or entry == UNIX:
            continue
        try:
            networks.append(ipaddress.ip_network(entry, strict=False))
        except ValueError:
            raise ValueError(f"{entry!r} is not an IP address or network (CIDR)") from None
    return tuple(networks)


def from_trusted_proxy(request) -> bool:
    """Whether the request's peer is one of CANDID_TRUSTED_PROXIES (or the unix socket of
    one): only then do its forwarding headers (client address, request id) count."""
    entries = tuple(settings.CANDID_TRUSTED_PROXIES)
    raw = request.META.get("REMOTE_ADDR", "")
    if not raw.strip():
        return UNIX in entries
    return _is_trusted(_parse(raw) or UNKNOWN, _trusted(entries))


def _client_of(request) -> Address:
    trusted = _trusted(tuple(settings.CANDID_TRUSTED_PROXIES))
    remote = _parse(request.META.get("REMOTE_ADDR", "")) or UNKNOWN
    if not from_trusted_proxy(request):
        return remote
    header = settings.CANDID_CLIENT_IP_HEADER or FORWARDED_FOR
    hops = [hop for hop in request.META.get(header, "").split(",") if hop.strip()]
    nearest = remote
    for hop in reversed(hops):
        address = _parse(hop)
        if address is None:
            return nearest  # a hop no trusted proxy could have written: the last known one
        if not _is_trusted(address, trusted):
            return address
        nearest = address
    return nearest  # every hop is a trusted proxy: the left-most is the client


@functools.lru_cache(maxsize=8)
def _trusted(entries: tuple[str, ...]) -> tuple[Network, ...]:
    return proxy_networks(entries)


def _is_trusted(address: Address, trusted: tuple[Network, ...]) -> bool:
    return any(address in network for network in trusted)


def _parse(value: str) -> Address | None:
    """An address as a proxy may write it: bare, with a port (`192.0.2.1:5000`) or in
    brackets (`[2001:db8::1]:5000`); an IPv4-mapped IPv6 address counts as the IPv4 one."""
    text = value.strip()
    if text.startswith("["):
        text = text[1:].split("]", 1)[0]
    elif text.count(":") == 1:
        text = text.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address
