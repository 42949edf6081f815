from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Candid core"

    def ready(self):
        """The upload directory exists before Django's checks look for it, and files left
        by a process killed mid-upload are deleted at start (no database work here: only
        a look into CANDID_DATA_DIR/tmp/uploads)."""
        from core.upload_limits import upload_debris_sweep, upload_dir_ensure

        upload_dir_ensure()
        upload_debris_sweep()
