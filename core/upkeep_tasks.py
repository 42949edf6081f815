"""The periodic upkeep the worker's scheduler enqueues (core/scheduler.py): each upkeep
management command, run in the worker exactly as cron would run it, and the pruning of
sent mail."""

from io import StringIO

from django.core.management import call_command
from django_tasks import task

from core.mail import mail_prune
from core.scheduler import SCHEDULES


@task()
def upkeep_task(name: str) -> str:
    if name not in SCHEDULES:
        raise ValueError(f"{name!r} is not a scheduled upkeep")
    if name == "mail_prune":
        return f"{mail_prune()} sent message(s) pruned"
    output = StringIO()
    call_command(name, stdout=output, stderr=output)
    return output.getvalue()[-2000:]
