"""Usernames that look alike are taken as one (Unicode Technical Standard #39).

A username is compared by its UTS #39 skeleton: the string each character maps to by
Unicode's confusables table (Cyrillic "а" and Latin "a" both become "a", "rn" and "m"
one thing). ICU's SpoofChecker computes it (PyICU). Skeletons are taken of the NFKC,
case-folded name, because usernames are already unique regardless of case. Each user's
skeleton is stored in an indexed column (User.username_skeleton), so the check at sign-up
(accounts.services) is one indexed lookup.

A name mixing scripts in one word (Latin with Cyrillic or Greek) is refused outright
("highly restrictive" in UTS #39 §5.2): it is the usual way to imitate a name that is not
taken yet, and no one needs it to write their own name.
"""

import unicodedata
from functools import cache

import icu

# One character can map to up to 18 (U+FDFA); a skeleton is kept to this length, so any
# username fits the indexed column. Two names whose skeletons agree this far look alike.
SKELETON_LENGTH = 600


@cache
def _checker() -> icu.SpoofChecker:
    """One configured checker per process: ICU's checks and skeletons are safe to call
    from several threads once it is configured."""
    checker = icu.SpoofChecker()
    checker.setChecks(icu.USpoofChecks.RESTRICTION_LEVEL | icu.USpoofChecks.MIXED_NUMBERS)
    checker.setRestrictionLevel(icu.URestrictionLevel.HIGHLY_RESTRICTIVE)
    return checker


def username_skeleton(username: str) -> str:
    """The UTS #39 skeleton of a username, for comparing with others."""
    folded = unicodedata.normalize("NFKC", username).casefold()
    return _checker().getSkeleton(0, folded)[:SKELETON_LENGTH]


def username_mixes_scripts(username: str) -> bool:
    return _checker().check(unicodedata.normalize("NFKC", username)) != 0
