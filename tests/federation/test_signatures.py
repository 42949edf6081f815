"""HTTP Signatures: Candid's own (draft-cavage rsa-sha256) and RFC 9421 on the way in."""

from datetime import timedelta

import pytest
from django.utils import timezone
from http_message_signatures import HTTPMessageSigner, algorithms
from http_message_signatures.resolvers import MappingKeyResolver

from federation.keys import private_key, public_key
from federation.signatures import SignatureRefused, digest_header, sign_request, verify_request
from tests.federation.keys import remote_keys

URL = "https://candid.test/inbox/"
KEY_ID = "https://remote.example/users/bob#main-key"
BODY = b'{"type": "Follow"}'


def lookup_for(pem):
    return lambda key_id, refresh: pem if key_id == KEY_ID else None


def signed(body=BODY, now=None, url=URL):
    private_pem, _ = remote_keys()
    headers = sign_request(
        method="POST", url=url, body=body, key_id=KEY_ID, private_pem=private_pem, now=now
    )
    return headers


def test_a_signed_request_verifies():
    _, public_pem = remote_keys()
    verified = verify_request(
        method="POST", url=URL, headers=signed(), body=BODY, key_lookup=lookup_for(public_pem)
    )
    assert verified.key_id == KEY_ID and verified.scheme == "draft-cavage"


def test_the_signature_covers_what_mastodon_requires():
    header = signed()["Signature"]
    assert 'algorithm="rsa-sha256"' in header
    assert 'headers="(request-target) host date digest"' in header


@pytest.mark.parametrize(
    "tamper, reason",
    [
        (lambda h, b: (h, b + b" "), "Digest"),
        (lambda h, b: ({**h, "Digest": digest_header(b"other")}, b"other"), "does not verify"),
        (lambda h, b: ({k: v for k, v in h.items() if k != "Signature"}, b), "not signed"),
        (lambda h, b: ({**h, "Host": "evil.example"}, b), "does not verify"),
    ],
)
def test_a_changed_request_is_refused(tamper, reason):
    _, public_pem = remote_keys()
    headers, body = tamper(signed(), BODY)
    with pytest.raises(SignatureRefused, match=reason):
        verify_request(
            method="POST", url=URL, headers=headers, body=body, key_lookup=lookup_for(public_pem)
        )


def test_another_key_does_not_verify():
    _, other_public = remote_keys("mallory")
    with pytest.raises(SignatureRefused, match="does not verify"):
        verify_request(
            method="POST", url=URL, headers=signed(), body=BODY, key_lookup=lookup_for(other_public)
        )


def test_a_rotated_key_is_fetched_again_once():
    _, public_pem = remote_keys()
    _, old_pem = remote_keys("mallory")
    asked = []

    def lookup(key_id, refresh):
        asked.append(refresh)
        return public_pem if refresh else old_pem

    verify_request(method="POST", url=URL, headers=signed(), body=BODY, key_lookup=lookup)
    assert asked == [False, True]


@pytest.mark.parametrize("age", [timedelta(hours=13), -timedelta(hours=2)])
def test_a_replayed_or_future_date_is_refused(age):
    _, public_pem = remote_keys()
    headers = signed(now=timezone.now() - age)
    with pytest.raises(SignatureRefused, match="window"):
        verify_request(
            method="POST", url=URL, headers=headers, body=BODY, key_lookup=lookup_for(public_pem)
        )


def test_a_signature_without_digest_is_refused_for_a_body():
    private_pem, public_pem = remote_keys()
    headers = sign_request(
        method="POST", url=URL, body=None, key_id=KEY_ID, private_pem=private_pem
    )
    with pytest.raises(SignatureRefused, match="must cover"):
        verify_request(
            method="POST", url=URL, headers=headers, body=BODY, key_lookup=lookup_for(public_pem)
        )


class Request:
    def __init__(self, headers):
        self.method, self.url, self.headers = "POST", URL, headers


def rfc9421_signed(body=BODY):
    private_pem, _ = remote_keys()
    request = Request({"Content-Type": "application/activity+json"})
    signer = HTTPMessageSigner(
        signature_algorithm=algorithms.RSA_V1_5_SHA256,
        key_resolver=MappingKeyResolver(
            public_keys={}, private_keys={KEY_ID: private_key(private_pem)}
        ),
    )
    signer.sign(
        request,
        key_id=KEY_ID,
        covered_component_ids=("@method", "@target-uri"),
        include_alg=False,
        body=body,
    )
    return request.headers


def test_rfc9421_signatures_verify_too():
    _, public_pem = remote_keys()
    verified = verify_request(
        method="POST",
        url=URL,
        headers=rfc9421_signed(),
        body=BODY,
        key_lookup=lambda key_id, refresh: public_pem,
    )
    assert verified == type(verified)(KEY_ID, "rfc9421")


def test_rfc9421_with_a_changed_body_is_refused():
    _, public_pem = remote_keys()
    with pytest.raises(SignatureRefused):
        verify_request(
            method="POST",
            url=URL,
            headers=rfc9421_signed(),
            body=BODY + b"x",
            key_lookup=lambda key_id, refresh: public_pem,
        )


def test_public_key_loads():
    assert public_key(remote_keys()[1]).key_size == 2048
