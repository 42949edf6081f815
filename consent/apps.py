from django.apps import AppConfig


class ConsentConfig(AppConfig):
    name = "consent"

    def ready(self) -> None:
        """Withdrawals propagate to licensees; depicted persons' requests veto consent."""
        from consent.selectors.consent import VETO_PROVIDERS
        from consent.services.depicted import depicted_vetoes
        from consent.services.hooks import WITHDRAWAL_HOOKS
        from consent.services.propagation import propagate_withdrawal
        from consent.services.propagation_runs import propagations_reclaim  # noqa: F401
        from photos.signals import photos_deleted

        if propagate_withdrawal not in WITHDRAWAL_HOOKS:
            WITHDRAWAL_HOOKS.append(propagate_withdrawal)
        if depicted_vetoes not in VETO_PROVIDERS:
            VETO_PROVIDERS.append(depicted_vetoes)
        photos_deleted.connect(_deleted_photos_propagate, dispatch_uid="consent-photos-deleted")


def _deleted_photos_propagate(sender, photo_ids: list[int], **kwargs) -> None:
    """A deleted photo counts as withdrawn: licensees of releases holding it are told at
    once, not at the next `deletion_reminders` sweep."""
    from consent.models import Purpose
    from consent.services.consent import withdrawal_propagate

    withdrawal_propagate(photo_ids=photo_ids, purposes=list(Purpose.values))
