"""PostgreSQL compiles no query with JIT for Candid: a search walk whose estimated cost
crossed jit_above_cost spent 1.2 s compiling for 27 ms of work."""

import pytest
from django.db import connection

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's JIT")


def test_jit_is_off_for_every_connection(db):
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
