"""Consent in HTTP: per-rendition headers, `/.well-known/tdmrep.json` and `robots.txt`.

- W3C TDM Reservation Protocol (Community Group Final Report, 10 May 2024): a rendition of a
  photo with any purpose refused answers `tdm-reservation: 1` and a `tdm-policy` URL (the
  CDSM Directive Art. 4(3) opt-out); one with every purpose allowed answers
  `tdm-reservation: 0`. The header is authoritative for the resource and overrides the
  well-known file, which states the default: consent is off until the owner turns it on,
  so every location is reserved by default.
- `X-Robots-Tag: noai, noimageai` (honoured by img2dataset and datadiligence) on renditions
  with a refused purpose.
- robots.txt disallows the well-known AI-training crawlers (consent/data/ai_crawlers.json,
  with its date and source) unless an operator allowed them (`manage.py robots_ai
  --allow`); then they may crawl only the photos whose owners allowed every purpose
  (consent.selectors.mining), and their pages and renditions. Ordinary search engines may
  crawl public pages.
- Experimental: the IETF aipref vocabulary (draft, no consensus yet; its `train-ai` covers
  generative models only), as the `Content-Usage` header on renditions and photo pages and a
  `Content-Usage` line in robots.txt. Face-recognition refusal rests on TDMRep, IPTC and
  robots.txt, which aipref does not cover.
"""

import json
from pathlib import Path

from consent.c2pa_signing import sign_rendition
from consent.metadata import ConsentState, NotAJpeg, rights_of, with_xmp, xmp_packet
from consent.models import Purpose
from consent.selectors.consent import consent_state

AI_CRAWLER_LIST = json.loads(
    (Path(__file__).parent / "data" / "ai_crawlers.json").read_text(encoding="utf-8")
)
AI_CRAWLERS = tuple(AI_CRAWLER_LIST["tokens"])
# Never crawled by anyone: private or per-user pages.
PRIVATE_PATHS = ("/settings/", "/accounts/", "/moderation/", "/upload/")


def rendition_signals(photo, jpeg: bytes, *, policy_url: str) -> tuple[bytes, dict[str, str]]:
    """The served bytes (with `plus:DataMining` embedded, and the CAWG assertion when C2PA
    signing is configured) and the consent headers."""
    state = ConsentState(consent_state(photo))
    try:
        packet = xmp_packet(state, policy_url=policy_url, rights=rights_of(photo))
        body = sign_rendition(with_xmp(jpeg, packet), state)
    except NotAJpeg:
        body = jpeg  # never ours; the headers still carry the signal
    return body, consent_headers(state, policy_url=policy_url)


def consent_headers(state: ConsentState, *, policy_url: str) -> dict[str, str]:
    if not state.any_refused:
        return {"tdm-reservation": "0", "Content-Usage": "train-ai=y, ai-use=y"}
    headers = {
        "tdm-reservation": "1",
        "tdm-policy": policy_url,
        "X-Robots-Tag": "noai, noimageai",
    }
    usage = content_usage(state)
    if usage:
        headers["Content-Usage"] = usage
    return headers


def content_usage(state: ConsentState) -> str:
    """aipref (experimental): `train-ai` is generative training only, so it follows the
    generative-AI purpose; `ai-use` (a photo as input to an AI system) follows biometric
    analysis, the closest of Candid's purposes."""
    refused = state.refused
    parts = []
    if Purpose.GENAI_TRAINING.value in refused:
        parts.append("train-ai=n")
    if Purpose.BIOMETRIC.value in refused:
        parts.append("ai-use=n")
    return ", ".join(parts)


def photo_paths(photo_id: int) -> list[str]:
    """The paths of a photo's page and renditions (versioned or not)."""
    return [f"/photos/{photo_id}/", f"/r/{photo_id}/"]


def tdmrep_rules(*, policy_url: str, open_photo_ids: list[int] = ()) -> list[dict]:
    """The well-known file: most specific location first; the first match wins. Only the
    photos whose owners allowed every purpose are open; everything else is reserved."""
    reserved = {"tdm-reservation": 1, "tdm-policy": policy_url}
    opened = [
        {"location": path + "*", "tdm-reservation": 0}
        for photo_id in open_photo_ids
        for path in photo_paths(photo_id)
    ]
    return [
        *opened,
        {"location": "/r/*", **reserved},
        {"location": "/avatars/*", **reserved},
        {"location": "/*", **reserved},
    ]


def robots_txt(*, block_ai: bool, open_photo_ids: list[int] = (), sitemap_url: str = "") -> str:
    """One group for every AI token (robots.txt groups may name several user agents)."""
    lines = [
        "# Candid: AI-training and dataset crawlers are refused unless an operator allowed",
        "# them; then only photos whose owners allowed every purpose are open to them.",
        f"# Crawler tokens as of {AI_CRAWLER_LIST['as_of']}: {AI_CRAWLER_LIST['source']}",
    ]
    lines += [f"User-agent: {agent}" for agent in AI_CRAWLERS]
    if block_ai:
        lines.append("Disallow: /")
    else:
        lines += [f"Allow: {p}" for photo_id in open_photo_ids for p in photo_paths(photo_id)]
        lines += ["Disallow: /photos/", "Disallow: /r/", "Disallow: /avatars/"]
    lines += ["", "User-agent: *"]
    lines += [f"Disallow: {path}" for path in PRIVATE_PATHS]
    lines += [
        "# Experimental: IETF aipref (draft-ietf-aipref-vocab, -attach) and Cloudflare's",
        "# Content Signals; drafts without consensus, sent beside the standard signals.",
        "Content-Usage: train-ai=n, ai-use=n",
        "Content-Signal: ai-train=no, ai-input=no",
    ]
    lines += [f"Content-Usage: /photos/{photo_id}/ train-ai=y" for photo_id in open_photo_ids]
    if sitemap_url:
        lines += ["", f"Sitemap: {sitemap_url}"]
    return "\n".join(lines) + "\n"
