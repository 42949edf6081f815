from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FederationConfig(AppConfig):
    name = "federation"
    verbose_name = _("Federation")

    def ready(self):
        from federation import (
            handlers,  # noqa: F401  (registers the activity handlers)
            intake_cache,  # noqa: F401  (its signals clear its copies)
        )
