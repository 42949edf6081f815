"""A database cache whose counters stay exact under many processes and threads: the
store of django-ratelimit's counts (settings.RATELIMIT_USE_CACHE).

django-ratelimit counts with `cache.add(key, 1)` and then `cache.incr(key)`. Django's
DatabaseCache inherits `incr` from BaseCache, a read followed by a write: two processes
read the same count and both write count + 1, so more requests pass than the limit
allows (django-ratelimit's check E003 says so). Here `incr` first writes the row, which
takes its row lock on PostgreSQL and the database's write lock on SQLite, and then reads
and rewrites the count in the same transaction: a second `incr` waits until the first
has committed and counts on from there. `add` is exact already: it inserts, and the
primary key refuses a second insert of the same key.

Culling deletes expired rows only: dropping a live counter would reset its limit.
tests/test_ratelimit_cache.py proves the counts with concurrent processes and threads.
"""

import base64
import pickle

from django.core.cache.backends.db import DatabaseCache
from django.db import connections, router, transaction
from django.utils.timezone import now as tz_now


class CounterCache(DatabaseCache):
    def incr(self, key, delta: int = 1, version=None) -> int:
        key = self.make_and_validate_key(key, version=version)
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        quote = connection.ops.quote_name
        table, key_col, value_col, expires_col = (
            quote(name) for name in (self._table, "cache_key", "value", "expires")
        )
        now = connection.ops.adapt_datetimefield_value(tz_now().replace(microsecond=0, tzinfo=None))
        # Identifiers are quoted names from settings; every value is a query parameter.
        lock = f"UPDATE {table} SET {expires_col} = {expires_col} WHERE {key_col} = %s AND {expires_col} > %s"  # noqa: E501, S608
        read = f"SELECT {value_col} FROM {table} WHERE {key_col} = %s"  # noqa: S608
        write = f"UPDATE {table} SET {value_col} = %s WHERE {key_col} = %s"  # noqa: S608
        with transaction.atomic(using=db), connection.cursor() as cursor:
            cursor.execute(lock, [key, now])
            if cursor.rowcount != 1:
                raise ValueError(f"Key '{key}' not found")
            cursor.execute(read, [key])
            stored = connection.ops.process_clob(cursor.fetchone()[0])
            count = pickle.loads(base64.b64decode(stored.encode())) + delta  # noqa: S301
            encoded = base64.b64encode(pickle.dumps(count, self.pickle_protocol)).decode("latin1")
            cursor.execute(write, [encoded, key])
        return count

    def decr(self, key, delta: int = 1, version=None) -> int:
        return self.incr(key, -delta, version)

    def _cull(self, db, cursor, now, num) -> None:
        connection = connections[db]
        table = connection.ops.quote_name(self._table)
        expires = connection.ops.quote_name("expires")
        cursor.execute(
            f"DELETE FROM {table} WHERE {expires} < %s",  # noqa: S608
            [connection.ops.adapt_datetimefield_value(now)],
        )
