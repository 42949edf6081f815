from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ThirdpartyConfig(AppConfig):
    """Third-party apps: OAuth 2 authorisations on top of django-oauth-toolkit, and the
    per-user access log of what each app read or changed."""

    name = "thirdparty"
    verbose_name = _("Third-party apps")

    def ready(self) -> None:
        from oauth2_provider.signals import app_authorized

        from thirdparty.receivers import record_authorisation

        app_authorized.connect(record_authorisation, dispatch_uid="thirdparty.authorised")
