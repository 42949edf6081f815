"""Enqueueing a background task by its import path.

Tasks are an interface (STYLE.md): a tasks module imports the services it runs. A service
that schedules one of those tasks names it by path instead of importing it, so services
never import a tasks module and the two cannot form an import circle."""

from django.utils.module_loading import import_string


def task_enqueue(path: str, *args, **kwargs) -> None:
    """Enqueue the task at `path`, e.g. `task_enqueue("rights.tasks.export_build_task", 7)`."""
    import_string(path).enqueue(*args, **kwargs)
