from django.apps import AppConfig


class ConsentConfig(AppConfig):
    name = "consent"

    def ready(self) -> None:
        """Withdrawals propagate to licensees; depicted persons' requests veto consent."""
        from consent.depicted import depicted_vetoes
        from consent.propagation import propagate_withdrawal
        from consent.selectors import VETO_PROVIDERS
        from consent.services import WITHDRAWAL_HOOKS

        if propagate_withdrawal not in WITHDRAWAL_HOOKS:
            WITHDRAWAL_HOOKS.append(propagate_withdrawal)
        if depicted_vetoes not in VETO_PROVIDERS:
            VETO_PROVIDERS.append(depicted_vetoes)
