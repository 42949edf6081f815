"""Task interfaces the worker runs."""

from rights.tasks import export_build_task


def test_an_export_gone_before_its_build_ends_the_task_quietly(db):
    """Erased or reclaimed meanwhile: export_build returns None, and the task says so
    instead of failing on it."""
    assert export_build_task.call(987654) == "discarded"
