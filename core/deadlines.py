"""The one function that computes legal and policy deadlines, always in aware UTC.

- NetzDG §3(2) no. 2: manifestly unlawful content, 24 hours from receipt of the complaint.
- NetzDG §3(2) no. 3: other unlawful content, 7 days from receipt.
- DSA Art. 20(1): complaints against a decision, at least six months from the day the
  person was informed of it.
- NetzDG §3(2) no. 4: removed content is kept as evidence for ten weeks.
- GDPR Art. 12(3): answer a data-subject request within one month.
"""

from datetime import UTC, datetime, timedelta

from django.utils import timezone

FIXED = {
    "netzdg_manifestly_illegal": timedelta(hours=24),
    "illegal_content": timedelta(days=7),
    "evidence_retention": timedelta(weeks=10),
    "appeal_window": timedelta(days=183),
    "gdpr_request": timedelta(days=30),
}


def deadline(kind: str, *, start: datetime, policy_delta: timedelta | None = None) -> datetime:
    """`policy_delta` serves deadlines an operator sets (e.g. the community-rules target)."""
    if timezone.is_naive(start):
        raise ValueError("deadline() needs an aware datetime")
    delta = policy_delta if policy_delta is not None else FIXED[kind]
    return (start + delta).astimezone(UTC)
