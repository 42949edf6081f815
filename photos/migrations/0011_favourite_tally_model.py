"""The favourite tally table (made by 0008 with its triggers) known to Django as a model:
state only, the table is unchanged."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("photos", "0010_owner_newest_index")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="FavouriteTally",
                    fields=[
                        (
                            "photo",
                            models.OneToOneField(
                                db_constraint=False,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                primary_key=True,
                                related_name="+",
                                serialize=False,
                                to="photos.photo",
                            ),
                        ),
                        ("favourites", models.IntegerField(default=0)),
                    ],
                    options={"db_table": "photos_favourite_tally"},
                )
            ],
            database_operations=[],
        )
    ]
