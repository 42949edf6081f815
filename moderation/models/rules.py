from django.db import models

# The language a rule's own fields are written in; other languages are RuleTexts.
SOURCE_LANGUAGE = "en"


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
    """One rule of a version, in the instance's source language (English). Its texts in
    other languages are RuleTexts of the same version: a decision cites the rule, and the
    reader gets it in their language (issue 15)."""

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


class RuleText(models.Model):
    """A rule of one version in another language: published with its version, never
    edited after (a new wording is a new version, as for the source text)."""

    rule = models.ForeignKey(Rule, on_delete=models.PROTECT, related_name="texts")
    language = models.CharField(max_length=8)
    title = models.CharField(max_length=200)
    text = models.TextField()
    examples = models.TextField(blank=True)

    class Meta:
        ordering = ["rule", "language"]
        constraints = [
            models.UniqueConstraint(fields=["rule", "language"], name="rule_text_once_per_language")
        ]

    def __str__(self) -> str:
        return f"{self.rule.code} (v{self.rule.ruleset.version}, {self.language}): {self.title}"
