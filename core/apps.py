from django.apps import AppConfig
from django.core.management import call_command
from django.db.models.signals import post_migrate


def create_cache_tables(using: str = "default", **kwargs) -> None:
    """The rate-limit counters (and, with CANDID_CACHE=database, the page cache) live in
    cache tables that migrations do not make: every migrate creates any that is missing,
    so a login never meets a missing table."""
    call_command("createcachetable", database=using, verbosity=0)


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Candid core"

    def ready(self) -> None:
        """The rate-limit cache tables follow every migrate. The upload directory exists
        before Django's checks look for it, and files left by a process killed mid-upload
        are deleted at start (no database work here: only a look into
        CANDID_DATA_DIR/tmp/uploads)."""
        from core.upload_limits import upload_debris_sweep, upload_dir_ensure

        post_migrate.connect(create_cache_tables, sender=self)
        upload_dir_ensure()
        upload_debris_sweep()
