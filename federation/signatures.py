"""HTTP Signatures, both ways, as Mastodon and Pixelfed speak them.

Outgoing requests are signed with draft-cavage-http-signatures-12 (`rsa-sha256` over
`(request-target) host date digest`): what every fediverse server accepts today. Incoming
requests may be signed either that way or with RFC 9421 (HTTP Message Signatures, which
newer servers send); the RFC is verified by the `http-message-signatures` package, the
draft by `cryptography` directly (it is one RSA verification over a few header lines).

Replay: a signed `Date` (draft) or `created` (RFC) older than MAX_AGE or further than
CLOCK_SKEW in the future is refused, Mastodon's window. A request with a body must sign
its digest (`Digest` or `Content-Digest`), and the digest must match the body.
"""

import base64
import hashlib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime
from urllib.parse import urlsplit

from cryptography.exceptions import InvalidSignature as CryptoInvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding
from django.utils import timezone
from http_message_signatures import (
    HTTPMessageVerifier,
    HTTPSignatureKeyResolver,
    algorithms,
    exceptions,
)

from federation.keys import private_key, public_key

MAX_AGE = timedelta(hours=12)
CLOCK_SKEW = timedelta(hours=1)
CAVAGE_ALGORITHMS = {"rsa-sha256", "hs2019"}
_PARAM = re.compile(r'(\w+)="([^"]*)"')

# Looks up the PEM of a key id; `refresh=True` asks again at the source (a rotated key).
KeyLookup = Callable[[str, bool], str | None]


class SignatureRefused(Exception):
    """Why a request's signature was not accepted (said in the 401 answer and the log)."""


@dataclass(frozen=True)
class Verified:
    key_id: str
    scheme: str  # "draft-cavage" or "rfc9421"


def digest_header(body: bytes) -> str:
    return "SHA-256=" + base64.b64encode(hashlib.sha256(body).digest()).decode()


def sign_request(
    *, method: str, url: str, body: bytes | None, key_id: str, private_pem: str, now=None
) -> dict[str, str]:
    """The headers to send with the request: Host, Date, Digest (with a body), Signature."""
    parts = urlsplit(url)
    target = parts.path or "/"
    if parts.query:
        target += "?" + parts.query
    headers = {"Host": parts.netloc, "Date": format_datetime(now or timezone.now(), usegmt=True)}
    covered = ["(request-target)", "host", "date"]
    if body is not None:
        headers["Digest"] = digest_header(body)
        covered.append("digest")
    lines = [f"(request-target): {method.lower()} {target}"]
    lines += [f"{name}: {headers[name.title()]}" for name in covered[1:]]
    signature = private_key(private_pem).sign(
        "\n".join(lines).encode(), padding.PKCS1v15(), hashes.SHA256()
    )
    headers["Signature"] = (
        f'keyId="{key_id}",algorithm="rsa-sha256",headers="{" ".join(covered)}",'
        f'signature="{base64.b64encode(signature).decode()}"'
    )
    return headers


def verify_request(
    *,
    method: str,
    url: str,
    headers: Mapping[str, str],
    body: bytes,
    key_lookup: KeyLookup,
    now=None,
) -> Verified:
    """Raises SignatureRefused unless the request carries a valid, fresh signature."""
    headers = {name.lower(): value for name, value in headers.items()}
    now = now or timezone.now()
    if "signature-input" in headers:
        return _verify_rfc9421(method, url, headers, body, key_lookup)
    if "signature" in headers:
        return _verify_cavage(method, url, headers, body, key_lookup, now)
    raise SignatureRefused("The request is not signed.")


def _verify_cavage(method, url, headers, body, key_lookup, now) -> Verified:
    params = dict(_PARAM.findall(headers["signature"]))
    key_id, signature = params.get("keyId"), params.get("signature")
    if not key_id or not signature:
        raise SignatureRefused("The Signature header lacks keyId or signature.")
    if params.get("algorithm", "hs2019").lower() not in CAVAGE_ALGORITHMS:
        raise SignatureRefused("Unsupported signature algorithm.")
    covered = params.get("headers", "date").lower().split()
    required = {"(request-target)", "host", "date"} | ({"digest"} if body else set())
    if not required <= set(covered):
        raise SignatureRefused("The signature must cover " + ", ".join(sorted(required)) + ".")
    _check_date(headers.get("date", ""), now)
    if body and headers.get("digest", "").split(",")[0].strip() != digest_header(body):
        raise SignatureRefused("The Digest header does not match the body.")
    signed = "\n".join(_cavage_line(name, method, url, headers) for name in covered).encode()
    try:
        raw = base64.b64decode(signature, validate=True)
    except ValueError:
        raise SignatureRefused("The signature is not base64.") from None
    for refresh in (False, True):
        pem = key_lookup(key_id, refresh)
        if pem and _rsa_valid(pem, raw, signed):
            return Verified(key_id, "draft-cavage")
    raise SignatureRefused("The signature does not verify with the actor's key.")


def _cavage_line(name: str, method: str, url: str, headers: Mapping[str, str]) -> str:
    if name == "(request-target)":
        parts = urlsplit(url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        return f"(request-target): {method.lower()} {target}"
    if name not in headers:
        raise SignatureRefused(f"The signed header {name} is missing.")
    return f"{name}: {headers[name]}"


def _rsa_valid(pem: str, signature: bytes, signed: bytes) -> bool:
    try:
        public_key(pem).verify(signature, signed, padding.PKCS1v15(), hashes.SHA256())
    except (CryptoInvalidSignature, ValueError, TypeError):
        return False
    return True


def _check_date(value: str, now: datetime) -> None:
    try:
        sent = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        raise SignatureRefused("The Date header is missing or malformed.") from None
    if sent.tzinfo is None or not (now - MAX_AGE <= sent <= now + CLOCK_SKEW):
        raise SignatureRefused("The request's Date is outside the accepted window.")


@dataclass
class _Message:
    method: str
    url: str
    headers: Mapping[str, str]


class _Keys(HTTPSignatureKeyResolver):
    def __init__(self, key_lookup: KeyLookup, refresh: bool):
        self.key_lookup, self.refresh = key_lookup, refresh

    def resolve_public_key(self, key_id: str):
        pem = self.key_lookup(key_id, self.refresh)
        if not pem:
            raise exceptions.InvalidSignature("Unknown key.")
        return public_key(pem)


def _verify_rfc9421(method, url, headers, body, key_lookup) -> Verified:
    message = _Message(method.upper(), url, headers)
    last_error = "The signature does not verify."
    for refresh in (False, True):
        verifier = HTTPMessageVerifier(
            signature_algorithm=algorithms.RSA_V1_5_SHA256, key_resolver=_Keys(key_lookup, refresh)
        )
        try:
            results = verifier.verify(
                message,
                max_age=MAX_AGE,
                require_components=("@method", "@target-uri"),
                body=body,
            )
        except exceptions.HTTPMessageSignaturesException as error:
            last_error = str(error) or last_error
            continue
        return Verified(results[0].parameters.get("keyid", ""), "rfc9421")
    raise SignatureRefused(last_error)
