"""A partial index on the task results that are running: each worker's tick looks for
orphans among them (core/scheduler.py), and the table keeps two weeks of results."""

from django.db import migrations

TABLE = "django_tasks_database_dbtaskresult"


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0005_outgoing_mail_schedules"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX candid_tasks_running_idx ON {TABLE} (status) WHERE status = 'RUNNING'",
            "DROP INDEX candid_tasks_running_idx",
        )
    ]
