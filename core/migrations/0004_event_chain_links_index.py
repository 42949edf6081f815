"""On PostgreSQL, a covering index of each chained event's links (sequence number, its
predecessor's hash, its own), read by the verifier's ordered pass (core/chain_check.py)."""

from django.db import migrations

from core import chain_check


def add_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(chain_check.ADD_LINKS_INDEX)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(chain_check.DROP_LINKS_INDEX)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_event_public"),
    ]

    operations = [
        migrations.RunPython(add_index, drop_index),
    ]
