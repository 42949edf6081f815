from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class ModerationConfig(AppConfig):
    name = "moderation"

    def ready(self) -> None:
        """Any change to the rules, the policy or the Art. 23 measures, by a service, a
        command or the shell, refreshes the per-process copies that notice intake reads
        (services/cached.py)."""
        from moderation.models import MisuseMeasure, ModerationPolicy, Rule, RuleSet
        from moderation.services.cached import config_changed

        for model in (RuleSet, Rule, ModerationPolicy, MisuseMeasure):
            for signal in (post_save, post_delete):
                signal.connect(config_changed, sender=model, dispatch_uid="moderation-config")
