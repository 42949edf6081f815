from django.db import models


class StatementTemplate(models.Model):
    """The wording a moderator starts from when a decision cites a rule: shown pre-filled
    in the decision form's "how it breaks the rule" field, where it is read and edited
    before sending (it is never added to a statement the moderator has not seen). Written
    by admins; one per rule code, so it carries over to the next version of the rules."""

    rule_code = models.SlugField(max_length=40, unique=True)
    text = models.TextField(max_length=2000)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["rule_code"]

    def __str__(self) -> str:
        return self.rule_code
