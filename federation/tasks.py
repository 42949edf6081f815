"""Background tasks of federation (django-tasks): an interface that calls services."""

from django_tasks import task

from federation.delivery import delivery_send
from federation.freshness import remote_actor_renew
from federation.processing import inbox_drain, inbox_message_process


@task()
def inbox_process_task(message_id: int) -> str:
    return inbox_message_process(message_id)


@task()
def inbox_drain_task() -> int:
    return inbox_drain()


@task()
def delivery_send_task(delivery_id: int) -> str:
    return delivery_send(delivery_id)


@task()
def remote_actor_refresh_task(actor_id: int) -> str:
    return remote_actor_renew(actor_id)
