from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Candid core"

    def ready(self):
        """Upload files left by a process killed mid-upload are deleted at start (no
        database here: only a look into CANDID_DATA_DIR/tmp/uploads)."""
        from core.upload_limits import upload_debris_sweep

        upload_debris_sweep()
