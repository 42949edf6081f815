"""The unread badge's count, cached per member under the content generation
(core.pagecache, bumped after every committed event): a signed-in page pays no query for
it while nothing happened on the site (the frame's cost is measured:
tests/web/test_signed_in_page_cost.py), and at most one short index scan after something
did. Every notification is created beside an event (a follow, a favourite, a comment, a
moderation message), so a new one is never hidden by the cache; marking read logs no
event, so it deletes the member's entry itself. BADGE_SECONDS bounds how long another
process with its own local cache may show an old count (a shared cache, Redis or the
database, has no such delay)."""

from functools import partial

from django.core.cache import cache
from django.db import transaction

from core.pagecache import content_generation
from notifications.selectors import unread_count

BADGE_SECONDS = 60


def _key(user_id: int) -> str:
    return f"candid:notifications:unread:{user_id}:{content_generation()}"


def badge_count(user) -> int:
    return cache.get_or_set(_key(user.pk), partial(unread_count, user), BADGE_SECONDS)


def badge_changed(user_ids) -> None:
    """Forget the members' counts now and again once the change is committed (a page
    rendered in between may have cached the count from before)."""
    ids = set(user_ids)
    if ids:
        _forget(ids)
        transaction.on_commit(partial(_forget, ids))


def _forget(ids: set[int]) -> None:
    cache.delete_many([_key(pk) for pk in ids])
