"""Behind a proxy, one function decides the client address (core/client_ip.py): the
proxy's header counts only when the request comes from CANDID_TRUSTED_PROXIES, read from
the right past every trusted hop. Rate limits, the DSA active-recipient count (Art. 24(2)),
the GeoIP country, session records and the staff sign-in log all use it."""

import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.test import Client, RequestFactory

from accounts.models import SessionRecord
from core import geo
from core.client_ip import client_address
from core.models import Event
from transparency.models import RecipientSeen

ROOT = Path(__file__).resolve().parent.parent
PROXY = "10.0.0.2"
BROWSER = "Firefox on the laptop"


@pytest.fixture
def behind_proxy(settings):
    settings.CANDID_TRUSTED_PROXIES = ["10.0.0.0/24"]
    settings.CANDID_CLIENT_IP_HEADER = ""  # X-Forwarded-For, the default
    return settings


@pytest.fixture
def counting(settings):
    """Active-recipient counting where candid/settings.py puts it: outside the page cache."""
    at = settings.MIDDLEWARE.index("django.contrib.messages.middleware.MessageMiddleware")
    settings.MIDDLEWARE = [
        *settings.MIDDLEWARE[:at],
        "transparency.activity.ActiveRecipientsMiddleware",
        *settings.MIDDLEWARE[at:],
    ]


def address_of(remote: str, **meta) -> str:
    return client_address(RequestFactory().get("/", REMOTE_ADDR=remote, **meta))


@pytest.mark.parametrize(
    "remote,forwarded,expected",
    [
        (PROXY, "203.0.113.5", "203.0.113.5"),
        # Each proxy appends its sender: the client, the outer proxy, then this one.
        ("10.0.0.3", "203.0.113.5, 10.0.0.2", "203.0.113.5"),
        # Whatever the client wrote itself stands left of it and is ignored.
        (PROXY, "192.0.2.66, 198.51.100.1, 203.0.113.5", "203.0.113.5"),
        (PROXY, "198.51.100.1, 203.0.113.5, 10.0.0.9", "203.0.113.5"),
        # A forged header from an address that is not a trusted proxy counts for nothing.
        ("198.51.100.7", "203.0.113.5", "198.51.100.7"),
        ("198.51.100.7", "203.0.113.5, 10.0.0.2", "198.51.100.7"),
        # No header, an empty one, or one no trusted proxy could have written.
        (PROXY, None, PROXY),
        (PROXY, " , ", PROXY),
        (PROXY, "garbage", PROXY),
        ("10.0.0.3", "203.0.113.5, garbage, 10.0.0.2", "10.0.0.2"),
        # Only trusted hops: the left-most (a client inside the proxies' network).
        ("10.0.0.3", "10.0.0.7, 10.0.0.2", "10.0.0.7"),
        # Ports, brackets and IPv4-mapped IPv6 as proxies write them.
        (PROXY, "203.0.113.5:51234", "203.0.113.5"),
        (PROXY, "[2001:db8::7]:443", "2001:db8::7"),
        (PROXY, "::ffff:203.0.113.5", "203.0.113.5"),
    ],
)
def test_the_client_is_the_right_most_address_no_trusted_proxy_wrote(
    behind_proxy, remote, forwarded, expected
):
    meta = {} if forwarded is None else {"HTTP_X_FORWARDED_FOR": forwarded}
    assert address_of(remote, **meta) == expected


def test_without_trusted_proxies_no_header_is_believed(settings):
    settings.CANDID_TRUSTED_PROXIES = []
    settings.CANDID_CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    assert address_of(PROXY, HTTP_X_REAL_IP="203.0.113.5", HTTP_X_FORWARDED_FOR="1.2.3.4") == PROXY


def test_a_configured_header_replaces_x_forwarded_for(behind_proxy):
    behind_proxy.CANDID_CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    assert address_of(PROXY, HTTP_X_REAL_IP="203.0.113.5", HTTP_X_FORWARDED_FOR="1.2.3.4") == (
        "203.0.113.5"
    )


def test_ipv6_proxies_and_networks_are_trusted_too(settings):
    settings.CANDID_TRUSTED_PROXIES = ["2001:db8:ffff::/48", "127.0.0.1"]
    settings.CANDID_CLIENT_IP_HEADER = ""
    assert address_of("2001:db8:ffff::1", HTTP_X_FORWARDED_FOR="2001:db8:1::5") == "2001:db8:1::5"
    assert address_of("2001:db8:fffe::1", HTTP_X_FORWARDED_FOR="2001:db8:1::5") == (
        "2001:db8:fffe::1"
    )


def test_a_proxy_on_a_unix_socket_is_trusted_only_when_listed(settings):
    settings.CANDID_CLIENT_IP_HEADER = ""
    settings.CANDID_TRUSTED_PROXIES = ["127.0.0.1"]
    assert address_of("", HTTP_X_FORWARDED_FOR="203.0.113.5") == "0.0.0.0"  # noqa: S104
    settings.CANDID_TRUSTED_PROXIES = ["127.0.0.1", "unix"]
    assert address_of("", HTTP_X_FORWARDED_FOR="203.0.113.5") == "203.0.113.5"
    assert address_of("192.0.2.8", HTTP_X_FORWARDED_FOR="203.0.113.5") == "192.0.2.8"


def test_twenty_clients_behind_one_proxy_count_as_twenty_recipients(behind_proxy, counting, db):
    for i in range(20):
        visitor = Client(
            REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"203.0.113.{i}", HTTP_USER_AGENT=BROWSER
        )
        assert visitor.get("/explore/").status_code == 200
    assert RecipientSeen.objects.count() == 20


def test_one_client_forging_twenty_addresses_counts_once(behind_proxy, counting, db):
    for i in range(20):
        forger = Client(
            REMOTE_ADDR="198.51.100.7",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{i}",
            HTTP_USER_AGENT=BROWSER,
        )
        assert forger.get("/explore/").status_code == 200
    assert RecipientSeen.objects.count() == 1


@pytest.fixture
def login_limit(behind_proxy, time_machine):
    behind_proxy.RATELIMIT_ENABLE = True
    behind_proxy.LOGIN_RATE = "1/m"
    time_machine.move_to(datetime.now(UTC), tick=False)  # no request straddles two windows
    return behind_proxy


def log_in(remote: str, forwarded: str, username: str):
    return Client(REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded).post(
        "/accounts/login/", {"username": username, "password": "wrong"}
    )


def test_twenty_clients_behind_two_proxies_are_limited_separately(login_limit, db):
    for i in range(20):
        chain = f"192.0.2.1, 203.0.113.{i}, 10.0.0.2"  # a forged entry, the client, the edge
        first, second = (log_in("10.0.0.3", chain, f"user{i}{n}") for n in "ab")
        assert first.status_code == 200
        assert second.status_code == 429 and 1 <= int(second["Retry-After"]) <= 60


def test_forged_headers_from_an_untrusted_address_share_its_one_budget(login_limit, db):
    answers = [log_in("198.51.100.7", f"203.0.113.{i}", f"user{i}") for i in range(3)]
    assert [a.status_code for a in answers] == [200, 429, 429]
    assert all(a.has_header("Retry-After") for a in answers[1:])


def test_session_records_and_the_staff_sign_in_log_keep_the_client_address(
    behind_proxy, alice, mod
):
    proxied = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "192.0.2.1, 203.0.113.9"}
    member = Client(HTTP_USER_AGENT=BROWSER, **proxied)
    member.post("/accounts/login/", {"username": "alice", "password": "correct horse battery"})
    assert SessionRecord.objects.get(user=alice).ip == "203.0.113.9"
    Client(**proxied).post("/accounts/login/", {"username": mod.username, "password": "guess"})
    assert Event.objects.get(kind="staff.signin").private["ip"] == "203.0.113.9"


def test_the_geoip_country_is_looked_up_for_the_client_not_the_proxy(behind_proxy, monkeypatch):
    """The GeoIP database itself is an operator's download; what Candid decides is which
    address it asks about."""
    behind_proxy.CANDID_COUNTRY_HEADER, behind_proxy.GEOIP_PATH = "HTTP_CF_IPCOUNTRY", "/geoip"
    asked = []
    monkeypatch.setattr(geo, "_geoip_country", lambda address: asked.append(address) or "FR")
    forwarded = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.5")
    forged = RequestFactory().get("/", REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert geo.viewer_country(forwarded) == geo.viewer_country(forged) == "FR"
    assert asked == ["203.0.113.5", "198.51.100.7"]


def manage_py_check(**env) -> subprocess.CompletedProcess:
    unset = {"CANDID_TRUSTED_PROXIES": "", "CANDID_CLIENT_IP_HEADER": ""}
    return subprocess.run(  # noqa: S603 (our own interpreter, fixed arguments)
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env={**os.environ, **unset, **env},
        capture_output=True,
        text=True,
    )


def test_a_client_ip_header_without_trusted_proxies_refuses_to_start():
    done = manage_py_check(CANDID_CLIENT_IP_HEADER="HTTP_X_FORWARDED_FOR")
    assert done.returncode != 0
    assert "CANDID_CLIENT_IP_HEADER=HTTP_X_FORWARDED_FOR needs CANDID_TRUSTED_PROXIES" in (
        done.stderr
    )


def test_a_trusted_proxy_that_is_no_address_refuses_to_start():
    done = manage_py_check(CANDID_TRUSTED_PROXIES="127.0.0.1, proxy.example.org")
    assert done.returncode != 0
    assert "CANDID_TRUSTED_PROXIES: 'proxy.example.org' is not an IP address or network" in (
        done.stderr
    )


def test_trusted_proxies_with_a_header_start():
    done = manage_py_check(
        CANDID_TRUSTED_PROXIES="127.0.0.1, 10.0.0.0/8, ::1",
        CANDID_CLIENT_IP_HEADER="HTTP_X_REAL_IP",
    )
    assert done.returncode == 0, done.stderr
