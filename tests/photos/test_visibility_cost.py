"""Who may see a photo is decided without reading each photo's owner: suspended and
terminated members are a subquery of the few ever restricted, read through a partial
index (photos migration 0012). Joined to every row, PostgreSQL hashed the whole member
table for a larger read (search, counts): a cost that grew with the community."""

import pytest
from django.db import connection

from accounts.models import User
from photos.selectors import albums_visible_to, photos_visible_to


def test_the_rule_joins_no_owner_row(alice):
    for rows in (photos_visible_to(alice), photos_visible_to(None), albums_visible_to(alice)):
        assert "JOIN" not in str(rows.values("pk").query).upper()


def test_a_suspended_or_terminated_owner_is_still_hidden_but_not_from_themselves(
    alice, bob, upload
):
    from datetime import timedelta

    from django.utils import timezone

    photo = upload(alice, title="Harbour")
    User.objects.filter(pk=alice.pk).update(suspended_until=timezone.now() + timedelta(days=1))
    assert not photos_visible_to(bob).filter(pk=photo.pk).exists()
    assert not photos_visible_to(None).filter(pk=photo.pk).exists()
    assert photos_visible_to(alice).filter(pk=photo.pk).exists()
    User.objects.filter(pk=alice.pk).update(suspended_until=timezone.now() - timedelta(days=1))
    assert photos_visible_to(bob).filter(pk=photo.pk).exists()
    User.objects.filter(pk=alice.pk).update(terminated_at=timezone.now())
    assert not photos_visible_to(bob).filter(pk=photo.pk).exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's plan")
def test_many_members_are_not_read_to_decide(alice, upload):
    upload(alice, title="Harbour")
    User.objects.bulk_create(User(username=f"many{i}", password="!") for i in range(5000))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE accounts_user")
        sql, params = photos_visible_to(alice).values("pk").query.sql_with_params()
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "accounts_user_restricted_idx" in plan
    assert "Seq Scan on accounts_user" not in plan
