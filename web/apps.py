from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "web"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in, user_logged_out

        from web.middleware_sessions import session_ended, session_started

        user_logged_in.connect(session_started, dispatch_uid="web.session_started")
        user_logged_out.connect(session_ended, dispatch_uid="web.session_ended")
