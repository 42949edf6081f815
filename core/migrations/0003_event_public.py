"""Each chained event keeps the canonical bytes its hash covers (`public`), and on
PostgreSQL a CHECK constraint holds its columns to them (core/chain_check.py)."""

from django.db import migrations, models

from core import chain, chain_check


def store_public_forms(apps, schema_editor):
    Event = apps.get_model("core", "Event")
    batch = []
    for event in Event.objects.filter(chain_seq__isnull=False).iterator(chunk_size=2000):
        form = chain.public_form(
            seq=event.chain_seq,
            kind=event.kind,
            created_at=event.created_at,
            subject_type=event.subject_type,
            subject_id=event.subject_id,
            data=event.data,
        )
        event.public = chain.canonical_bytes(form).decode()
        batch.append(event)
        if len(batch) == 2000:
            Event.objects.bulk_update(batch, ["public"])
            batch = []
    Event.objects.bulk_update(batch, ["public"])


def add_check(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(chain_check.ADD)


def drop_check(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(chain_check.DROP)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_event_chain"),
    ]

    operations = [
        migrations.AddField(
            model_name="event",
            name="public",
            field=models.TextField(blank=True, default=""),
        ),
        migrations.RunPython(store_public_forms, migrations.RunPython.noop),
        migrations.RunPython(add_check, drop_check),
    ]
