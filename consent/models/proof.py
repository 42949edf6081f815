from django.db import models


class ServedDocument(models.Model):
    """One version of a crawler-facing file Candid served (robots.txt, tdmrep.json), with
    the period it was served in. Append-only: a new version closes the previous one. Each
    version is anchored in the public hash chain (consent.proof.documents)."""

    class Kind(models.TextChoices):
        ROBOTS_TXT = "robots.txt", "robots.txt"
        TDMREP_JSON = "tdmrep.json", "/.well-known/tdmrep.json"

    kind = models.CharField(max_length=16, choices=Kind.choices)
    sha256 = models.CharField(max_length=64)
    body = models.TextField()
    valid_from = models.DateTimeField()
    valid_until = models.DateTimeField(null=True, blank=True)
    anchor_seq = models.PositiveBigIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["kind", "valid_from", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind"],
                condition=models.Q(valid_until__isnull=True),
                name="one_current_served_document_per_kind",
            )
        ]
