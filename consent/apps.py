from django.apps import AppConfig


class ConsentConfig(AppConfig):
    name = "consent"

    def ready(self) -> None:
        import consent.depicted  # noqa: F401  registers the depicted-person veto
        from consent.propagation import propagate_withdrawal
        from consent.services import WITHDRAWAL_HOOKS

        if propagate_withdrawal not in WITHDRAWAL_HOOKS:
            WITHDRAWAL_HOOKS.append(propagate_withdrawal)
