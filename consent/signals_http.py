"""Consent in HTTP: per-rendition headers, `/.well-known/tdmrep.json` and `robots.txt`.

- W3C TDM Reservation Protocol (Community Group Final Report, 10 May 2024): a rendition of a
  photo with any purpose refused answers `tdm-reservation: 1` and a `tdm-policy` URL (the
  CDSM Directive Art. 4(3) opt-out); one with every purpose allowed answers
  `tdm-reservation: 0`. The header is authoritative for the resource and overrides the
  well-known file, which states the default: consent is off until the owner turns it on,
  so every location is reserved by default.
- `X-Robots-Tag: noai, noimageai` (honoured by img2dataset and datadiligence) on renditions
  with a refused purpose.
- robots.txt disallows the well-known AI-training crawlers unless an operator allowed them
  (`manage.py robots_ai --allow`); ordinary search engines may crawl public pages.
"""

from consent.c2pa_signing import sign_rendition
from consent.metadata import ConsentState, NotAJpeg, with_xmp, xmp_packet
from consent.selectors.consent import consent_state

# ai-robots-txt/ai.robots.txt, the tokens most relevant to image training (see
# shared/reference/consent-standards.md 2.3).
AI_CRAWLERS = (
    "GPTBot",
    "ChatGPT-User",
    "OAI-SearchBot",
    "ClaudeBot",
    "Claude-Web",
    "anthropic-ai",
    "Google-Extended",
    "GoogleOther-Image",
    "Applebot-Extended",
    "CCBot",
    "Bytespider",
    "meta-externalagent",
    "FacebookBot",
    "PerplexityBot",
    "cohere-training-data-crawler",
    "Diffbot",
    "img2dataset",
    "LAIONDownloader",
    "laion-huggingface-processor",
    "ImagesiftBot",
)
# Never crawled by anyone: private or per-user pages.
PRIVATE_PATHS = ("/settings/", "/accounts/", "/moderation/", "/upload/")


def rendition_signals(photo, jpeg: bytes, *, policy_url: str) -> tuple[bytes, dict[str, str]]:
    """The served bytes (with `plus:DataMining` embedded, and the CAWG assertion when C2PA
    signing is configured) and the consent headers."""
    state = ConsentState(consent_state(photo))
    try:
        body = sign_rendition(with_xmp(jpeg, xmp_packet(state, policy_url=policy_url)), state)
    except NotAJpeg:
        body = jpeg  # never ours; the headers still carry the signal
    return body, consent_headers(state, policy_url=policy_url)


def consent_headers(state: ConsentState, *, policy_url: str) -> dict[str, str]:
    if not state.any_refused:
        return {"tdm-reservation": "0"}
    return {
        "tdm-reservation": "1",
        "tdm-policy": policy_url,
        "X-Robots-Tag": "noai, noimageai",
    }


def tdmrep_rules(*, policy_url: str) -> list[dict]:
    """The well-known file: most specific location first; the first match wins."""
    reserved = {"tdm-reservation": 1, "tdm-policy": policy_url}
    return [
        {"location": "/r/*", **reserved},
        {"location": "/avatars/*", **reserved},
        {"location": "/*", **reserved},
    ]


def robots_txt(*, block_ai: bool) -> str:
    lines = ["# Candid: AI-training crawlers are refused unless an operator allowed them."]
    if block_ai:
        for agent in AI_CRAWLERS:
            lines += [f"User-agent: {agent}", "Disallow: /", ""]
    lines.append("User-agent: *")
    lines += [f"Disallow: {path}" for path in PRIVATE_PATHS]
    return "\n".join(lines) + "\n"
