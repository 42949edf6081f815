"""The unread badge's count, cached per member so a signed-in page pays no query for it
(the frame's cost is measured: tests/web/test_signed_in_page_cost.py). A change deletes
the member's entry after commit; BADGE_SECONDS bounds how long another process with its
own local cache may show the old count (a shared cache, Redis or the database, has no
such delay)."""

from functools import partial

from django.core.cache import cache
from django.db import transaction

from notifications.selectors import unread_count

BADGE_SECONDS = 60


def _key(user_id: int) -> str:
    return f"candid:notifications:unread:{user_id}"


def badge_count(user) -> int:
    return cache.get_or_set(_key(user.pk), partial(unread_count, user), BADGE_SECONDS)


def badge_changed(user_ids) -> None:
    """Forget the members' counts now and again once the change is committed (a page
    rendered in between may have cached the count from before)."""
    keys = [_key(pk) for pk in set(user_ids)]
    if keys:
        cache.delete_many(keys)
        transaction.on_commit(partial(cache.delete_many, keys))
