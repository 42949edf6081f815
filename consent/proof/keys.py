"""The instance's key for signing reservation certificates.

An Ed25519 key derived from SECRET_KEY (HKDF-SHA256 with its own label), so every web
process and worker holds the same key without storing one more secret; rotating
SECRET_KEY gives a new key. The public key is published at
/.well-known/candid-reservation-key.json and each key is anchored in the public hash chain
the first time it signs, so a certificate signed with an earlier key still verifies.
"""

import base64
import hashlib
from functools import cache

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from django.conf import settings

LABEL = b"candid reservation certificates v1"


@cache
def _private_key(secret: str) -> Ed25519PrivateKey:
    seed = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=LABEL).derive(secret.encode())
    return Ed25519PrivateKey.from_private_bytes(seed)


def signing_key() -> Ed25519PrivateKey:
    return _private_key(settings.SECRET_KEY)


def public_key_text(key: Ed25519PublicKey | None = None) -> str:
    key = key or signing_key().public_key()
    return base64.b64encode(key.public_bytes(Encoding.Raw, PublicFormat.Raw)).decode()


def fingerprint(public_key: str) -> str:
    return hashlib.sha256(base64.b64decode(public_key)).hexdigest()


def public_key_from_text(text: str) -> Ed25519PublicKey:
    return Ed25519PublicKey.from_public_bytes(base64.b64decode(text, validate=True))
