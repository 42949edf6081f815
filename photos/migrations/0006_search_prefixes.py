"""PostgreSQL photo search by exact word prefixes (see photos/search_prefixes.py): a
generated `search_prefixes` tsvector with the GIN index in place of the index on
`search_document`. Nothing on SQLite."""

from django.db import migrations

from photos import search_prefixes


def install(apps, schema_editor):
    search_prefixes.install(schema_editor.connection)


def uninstall(apps, schema_editor):
    search_prefixes.uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("photos", "0005_alt_text_and_names")]

    operations = [migrations.RunPython(install, uninstall)]
