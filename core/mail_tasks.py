"""The mail send task (core/mail.py records, this sends). An interface: it calls the
service and nothing else."""

from django_tasks import TaskContext, task

from core.mail import mail_send
from core.tasks import retried
from core.worker import tasks_in_database

MAIL_ATTEMPTS = 5


@retried(attempts=MAIL_ATTEMPTS)
@task(takes_context=True)
def mail_send_task(context: TaskContext, key: str) -> bool:
    last_try = not tasks_in_database() or context.attempt >= MAIL_ATTEMPTS
    return mail_send(key=key, sender=str(context.task_result.id), last_try=last_try)
