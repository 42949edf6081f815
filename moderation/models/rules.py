from django.db import models


class RuleSet(models.Model):
    """One published version of the community rules (DSA Art. 14: announced before it applies).

    Rules name conduct, never viewpoints. A decision cites a Rule of the version in force.
    """

    version = models.PositiveIntegerField(unique=True)
    summary_of_changes = models.TextField(blank=True)
    published_at = models.DateTimeField()
    effective_at = models.DateTimeField()

    class Meta:
        ordering = ["-version"]

    def __str__(self) -> str:
        return f"Community rules v{self.version}"


class Rule(models.Model):
    ruleset = models.ForeignKey(RuleSet, on_delete=models.PROTECT, related_name="rules")
    code = models.SlugField(max_length=40)
    title = models.CharField(max_length=200)
    text = models.TextField()
    examples = models.TextField(blank=True)

    class Meta:
        ordering = ["ruleset", "id"]
        constraints = [models.UniqueConstraint(fields=["ruleset", "code"], name="rule_code_once")]

    def __str__(self) -> str:
        return f"{self.code} (v{self.ruleset.version}): {self.title}"
