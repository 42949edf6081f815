"""The CAWG training-and-data-mining assertion (`cawg.training-mining`, v1.1) in a C2PA
manifest signed into each served rendition — when the operator configured a signing
certificate and the `c2pa-python` package (the Content Authenticity Initiative's bindings)
is installed. Otherwise renditions carry the XMP and HTTP signals only.

Signing needs no network (no timestamp authority is asked) and takes about 4 ms for a
2000 px rendition (no C2PA thumbnail is embedded). A self-made certificate works, but
validators then report `signingCredential.untrusted`: only a certificate from a CA on the
C2PA trust list makes the signature trusted. The assertion is readable either way.

Mapping (CAWG: `constrained` without further information means `notAllowed`):
- `cawg.ai_training` ← AI/ML training; `cawg.ai_generative_training` ← generative-AI training
- `cawg.data_mining` ← research datasets and biometric analysis (both allowed: allowed;
  neither: notAllowed; one: constrained, with the refused purpose named)
- `cawg.ai_inference` ← biometric analysis (refused: constrained, "no biometric analysis")
"""

from functools import cache

from django.conf import settings

from consent.metadata import ConsentState
from consent.models import Purpose
from consent.models.consent import PURPOSE_NAMES

ASSERTION_LABEL = "cawg.training-mining"
_INGREDIENT = {"title": "Candid rendition", "relationship": "parentOf", "label": "rendition"}
_OPENED = {"action": "c2pa.opened", "parameters": {"ingredientIds": ["rendition"]}}
_LABELS = PURPOSE_NAMES


def training_mining_assertion(state: ConsentState) -> dict:
    allowed = state.allowed
    mining = [Purpose.RESEARCH.value, Purpose.BIOMETRIC.value]
    return {
        "entries": {
            "cawg.ai_training": _use(allowed.get(Purpose.AI_TRAINING.value, False)),
            "cawg.ai_generative_training": _use(allowed.get(Purpose.GENAI_TRAINING.value, False)),
            "cawg.data_mining": _combined(state, mining),
            "cawg.ai_inference": _combined(state, [Purpose.BIOMETRIC.value], partial=True),
        }
    }


def sign_rendition(jpeg: bytes, state: ConsentState) -> bytes:
    """`jpeg` with a signed C2PA manifest, or unchanged when signing is not configured."""
    signer = _signer()
    if signer is None:
        return jpeg
    import io

    import c2pa

    manifest = {
        "claim_generator_info": [{"name": "Candid"}],
        "assertions": [
            {"label": "c2pa.actions.v2", "data": {"actions": [_OPENED]}},
            {"label": ASSERTION_LABEL, "data": training_mining_assertion(state)},
        ],
    }
    signed = io.BytesIO()
    with c2pa.Builder(manifest, _context()) as builder:
        # The unsigned rendition is the one ingredient: "opened", then signed and served.
        builder.add_ingredient(_INGREDIENT, "image/jpeg", io.BytesIO(jpeg))
        builder.sign(signer, "image/jpeg", io.BytesIO(jpeg), signed)
    return signed.getvalue()


def _use(allowed: bool) -> dict:
    return {"use": "allowed" if allowed else "notAllowed"}


def _combined(state: ConsentState, purposes: list[str], *, partial: bool = False) -> dict:
    refused = [p for p in purposes if p in state.refused]
    if not refused:
        return {"use": "allowed"}
    if len(refused) == len(purposes) and not partial:
        return {"use": "notAllowed"}
    names = ", ".join(_LABELS[p] for p in refused)
    return {"use": "constrained", "constraints_info": f"Not allowed: {names}."}


def _signer():
    cert, key = _credentials()
    if not cert:
        return None
    try:
        import c2pa
    except ImportError:
        return None
    info = c2pa.C2paSignerInfo(alg=b"es256", sign_cert=cert, private_key=key, ta_url=None)
    return c2pa.Signer.from_info(info)


@cache
def _read(path: str) -> bytes:
    with open(path, "rb") as handle:
        return handle.read()


def _credentials() -> tuple[bytes, bytes]:
    """PEM certificate chain and ES256 private key, from files named in the settings."""
    cert = getattr(settings, "CANDID_C2PA_CERT_FILE", "")
    key = getattr(settings, "CANDID_C2PA_KEY_FILE", "")
    if not (cert and key):
        return b"", b""
    return _read(cert), _read(key)


def _context():
    import c2pa

    return c2pa.Context.from_dict({"builder": {"thumbnail": {"enabled": False}}})
