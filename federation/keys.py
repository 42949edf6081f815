"""RSA key pairs for HTTP Signatures: 2048-bit RSA with SHA-256 is what Mastodon and
Pixelfed sign with and expect (draft-cavage `rsa-sha256`)."""

from functools import lru_cache

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

KEY_BITS = 2048


def key_pair_new() -> tuple[str, str]:
    """(private PEM, public PEM)."""
    private = rsa.generate_private_key(public_exponent=65537, key_size=KEY_BITS)
    private_pem = private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    public_pem = (
        private.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
    return private_pem, public_pem


@lru_cache(maxsize=256)
def private_key(pem: str):
    """Parsed once per key and process: loading checks the RSA key, ~75 ms, which would
    otherwise be paid by every delivery (bench/federation.py). Key objects are immutable
    and safe to share between threads."""
    return serialization.load_pem_private_key(pem.encode(), password=None)


def public_key(pem: str):
    return serialization.load_pem_public_key(pem.encode())
