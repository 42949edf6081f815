from django.apps import AppConfig


class LegalConfig(AppConfig):
    """What the law asks every operator to publish and do: the operator profile, the legal
    pages, the compliance overview and DSA Art. 18 notifications."""

    name = "legal"

    def ready(self) -> None:
        from legal import checks  # noqa: F401  (registers the operator profile check)
