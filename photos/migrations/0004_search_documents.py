"""Full-text search of photos: a tsvector with a GIN index on PostgreSQL, an FTS5 table
on SQLite, both kept in step by triggers (see photos/search_schema.py)."""

from django.db import migrations

from photos import search_schema


def install(apps, schema_editor):
    search_schema.install(schema_editor.connection)


def uninstall(apps, schema_editor):
    search_schema.uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("photos", "0003_rendition_version"),
        ("accounts", "0004_staff_second_factor_and_sessions"),
    ]

    operations = [migrations.RunPython(install, uninstall)]
