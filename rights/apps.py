from django.apps import AppConfig


class RightsConfig(AppConfig):
    name = "rights"

    def ready(self) -> None:
        """Registers the reclaim steps of exports and imports (core.leases)."""
        from rights.services import exports, imports  # noqa: F401
