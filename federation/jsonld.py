"""JSON-LD processing without the network: the ActivityStreams and security contexts are
bundled (federation/contexts/, copies of the W3C and W3ID documents), every other remote
context is refused. Used to check that Candid's own documents mean what they say."""

import json
from pathlib import Path

from pyld import jsonld

CONTEXTS_DIR = Path(__file__).parent / "contexts"
BUNDLED = {
    "https://www.w3.org/ns/activitystreams": "activitystreams.json",
    "https://w3id.org/security/v1": "security-v1.json",
}


def _load(url: str, options=None) -> dict:
    name = BUNDLED.get(url.rstrip("#").replace("http://", "https://", 1))
    if name is None:
        raise jsonld.JsonLdError(
            f"Context {url} is not bundled",
            "jsonld.LoadDocumentError",
            code="loading document failed",
        )
    document = json.loads((CONTEXTS_DIR / name).read_text(encoding="utf-8"))
    return {
        "contentType": "application/ld+json",
        "contextUrl": None,
        "documentUrl": url,
        "document": document,
    }


def expanded(document: dict) -> list:
    return jsonld.expand(document, {"documentLoader": _load})
