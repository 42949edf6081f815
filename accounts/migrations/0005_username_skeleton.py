"""The UTS #39 skeleton of every username (accounts.usernames), indexed; existing users
are backfilled."""

from django.db import migrations, models

from accounts.usernames import username_skeleton


def backfill(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    users = list(User.objects.only("pk", "username"))
    for user in users:
        user.username_skeleton = username_skeleton(user.username)
    User.objects.bulk_update(users, ["username_skeleton"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_staff_second_factor_and_sessions"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="username_skeleton",
            field=models.CharField(
                blank=True, db_index=True, default="", editable=False, max_length=600
            ),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop, elidable=True),
    ]
