"""@username in a comment or a photo's description."""

import re

from django.db.models import Q

from accounts.models import User

# Usernames are letters, digits and . + - _ (and @, which cannot be mentioned); a
# mention ends on a letter or digit, so "@bob." at the end of a sentence names bob.
_MENTION = re.compile(r"(?<![\w.@+-])@([\w.+-]*\w)")
MAX_MENTIONS = 10


def mentioned_names(text: str) -> list[str]:
    """The distinct usernames mentioned, in order, at most MAX_MENTIONS."""
    names: list[str] = []
    for name in _MENTION.findall(text or ""):
        if name.lower() not in (n.lower() for n in names):
            names.append(name)
    return names[:MAX_MENTIONS]


def mentioned_users(text: str) -> list[User]:
    names = mentioned_names(text)
    if not names:
        return []
    match = Q()
    for name in names:
        match |= Q(username__iexact=name)
    return list(User.objects.filter(match, is_active=True))
