from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_out

        user_logged_out.connect(_forget_session, dispatch_uid="accounts.forget_session")


def _forget_session(sender, request, user, **kwargs) -> None:
    from accounts.sessions import session_forget

    key = getattr(getattr(request, "session", None), "session_key", None)
    if key:
        session_forget(session_key=key)
