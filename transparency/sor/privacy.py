"""Keeping personal data out of exported statements of reasons (DSA Art. 24(5)).

The structured fields of a statement hold no personal data by construction (opaque puids,
enumeration keys, dates, country codes). The risk is free text that moderators write:
`decision_facts` and the legal or contractual explanations. Moderators are told not to put
names, e-mail addresses or links to people's profiles there; as a safety net the export

- replaces e-mail addresses and links to user profiles (`/u/<username>/`) anywhere, and
- replaces the names of the people involved in the decision — the affected user, every
  notifier, and the moderators — by their username, display name, each part of a display
  name, and e-mail address, as whole words, case-insensitively.

Over-redaction is the accepted failure mode: a display name that is also an ordinary word
is blanked in that statement's free text. Names of third parties the export cannot know
about (someone merely mentioned in the facts) are not recognised: keeping them out stays
the moderator's duty (README: "Statements of reasons").
"""

import re
from collections.abc import Iterable

EMAIL = re.compile(r"(?:mailto:)?[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)
PROFILE_LINK = re.compile(r"(?:https?://[^\s/]+)?/u/[^\s/]+/?[^\s]*", re.IGNORECASE)
EMAIL_PLACEHOLDER = "[e-mail removed]"
PROFILE_PLACEHOLDER = "[profile link removed]"
NAME_PLACEHOLDER = "[name removed]"
MIN_NAME_LENGTH = 3


def personal_data_in(text: str) -> list[str]:
    """What kinds of recognisable personal data `text` holds, in plain words."""
    found = []
    if EMAIL.search(text):
        found.append("an e-mail address")
    if PROFILE_LINK.search(text):
        found.append("a link to a user profile")
    return found


def scrub(text: str, names: Iterable[str] = ()) -> str:
    text = EMAIL.sub(EMAIL_PLACEHOLDER, text)
    text = PROFILE_LINK.sub(PROFILE_PLACEHOLDER, text)
    pattern = _names_pattern(names)
    return pattern.sub(NAME_PLACEHOLDER, text) if pattern else text


def names_of(*people, extra: Iterable[str] = ()) -> set[str]:
    """Usernames, display names (whole and each part) and e-mails of the given users."""
    names = set(extra)
    for person in people:
        if person is None:
            continue
        names.update((person.username, person.email, person.display_name))
    for name in list(names):
        names.update((name or "").split())
    return {n.strip() for n in names if n and len(n.strip()) >= MIN_NAME_LENGTH}


def _names_pattern(names: Iterable[str]) -> re.Pattern | None:
    words = sorted({n for n in names if n}, key=len, reverse=True)
    if not words:
        return None
    alternatives = "|".join(re.escape(word) for word in words)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)
