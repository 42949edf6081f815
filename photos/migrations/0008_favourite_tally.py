"""Favourites per photo, kept by triggers, for the search's "most favourited" sort (see
photos/favourite_tally.py)."""

from django.db import migrations

from photos import favourite_tally


def install(apps, schema_editor):
    favourite_tally.install(schema_editor.connection)


def uninstall(apps, schema_editor):
    favourite_tally.uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("photos", "0007_alter_photo_licence_importedcomment_photoorigin"),
        ("social", "0003_verbose_names"),
    ]

    operations = [migrations.RunPython(install, uninstall)]
