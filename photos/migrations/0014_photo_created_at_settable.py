import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    """`created_at` defaults to now instead of being forced to now (`auto_now_add`), so a
    move-in writes the photo's date at its former home in the INSERT. Nothing changes in
    the database (a Python-side default): state only, so SQLite does not copy the whole
    photo table to alter nothing."""

    dependencies = [
        ("photos", "0013_restricted_owners_index"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="photo",
                    name="created_at",
                    field=models.DateTimeField(
                        db_index=True, default=django.utils.timezone.now, editable=False
                    ),
                ),
            ],
        ),
    ]
