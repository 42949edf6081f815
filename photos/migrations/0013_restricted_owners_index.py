"""A partial index of the members ever suspended or terminated, for photos.selectors'
restricted-owner subquery: it reads those few rows, whatever the number of members.

It is created here, beside the query that needs it, as plain SQL (both databases take
partial indexes); the member model's state is unchanged."""

from django.db import migrations

INDEX = "accounts_user_restricted_idx"


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0010_settings_page_fields"),
        ("photos", "0012_photo_blurhash"),
    ]

    operations = [
        migrations.RunSQL(
            sql=(
                f"CREATE INDEX {INDEX} ON accounts_user (id) "
                "WHERE terminated_at IS NOT NULL OR suspended_until IS NOT NULL"
            ),
            reverse_sql=f"DROP INDEX {INDEX}",
        )
    ]
