"""People search on PostgreSQL: a GIN index on the words of username and display name.
The expression is photos.search_match.PEOPLE_DOCUMENT's; SQLite needs none."""

from django.db import migrations

CREATE = (
    "CREATE INDEX accounts_user_search_people ON accounts_user USING gin "
    "(to_tsvector('simple'::regconfig, username || ' ' || display_name))"
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS accounts_user_search_people")


class Migration(migrations.Migration):
    dependencies = [("accounts", "0005_username_skeleton")]

    operations = [migrations.RunPython(create, drop)]
