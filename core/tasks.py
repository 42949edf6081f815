"""Enqueueing a background task by its import path, and the retry policy of tasks that
are worth trying again.

Tasks are an interface (STYLE.md): a tasks module imports the services it runs. A service
that schedules one of those tasks names it by path instead of importing it, so services
never import a tasks module and the two cannot form an import circle.

django-tasks has no retries of its own. A task declared with `@retried(attempts=N)` is run
up to N times by `manage.py worker` (core/management/commands/worker.py):
after a failed try it waits CANDID_TASK_RETRY_SECONDS × 2^(try − 1) (at most an hour), and
after the last one it stays FAILED with its error, visible in the admin and in /metrics.
The in-process default (no worker) tries once."""

from dataclasses import dataclass

from django.conf import settings
from django.utils.module_loading import import_string

MAX_DELAY_SECONDS = 3600.0
# A task without its own policy that was running when its worker died is run again this
# many times in all (core/scheduler.py).
DEFAULT_ATTEMPTS = 3


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int

    def delay_seconds(self, attempt: int) -> float:
        """The wait after failed try number `attempt` (1, 2, …): exponential backoff."""
        base = float(settings.CANDID_TASK_RETRY_SECONDS)
        return min(base * 2 ** (attempt - 1), MAX_DELAY_SECONDS)


_POLICIES: dict[str, RetryPolicy] = {}


def retried(*, attempts: int):
    """Declare, above `@task()`, how many times in all a task may be tried."""

    def register(task):
        _POLICIES[task.module_path] = RetryPolicy(attempts=attempts)
        return task

    return register


def retry_policy(path: str) -> RetryPolicy | None:
    """The policy of the task at `path` (importing it registers it), None without one."""
    try:
        import_string(path)
    except ImportError:
        return None
    return _POLICIES.get(path)


def task_enqueue(path: str, *args, **kwargs) -> None:
    """Enqueue the task at `path`, e.g. `task_enqueue("rights.tasks.export_build_task", 7)`."""
    import_string(path).enqueue(*args, **kwargs)
