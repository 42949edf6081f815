from moderation.models.appeals import Appeal
from moderation.models.cases import Case
from moderation.models.casework import StatementTemplate
from moderation.models.decisions import Decision, Evidence, StatementOfReasons, Strike
from moderation.models.disputes import Dispute
from moderation.models.misuse import MisuseMeasure
from moderation.models.notices import Notice
from moderation.models.policy import ModerationPolicy
from moderation.models.rules import Rule, RuleSet, RuleText

__all__ = [
    "Appeal",
    "Case",
    "Decision",
    "Dispute",
    "Evidence",
    "MisuseMeasure",
    "ModerationPolicy",
    "Notice",
    "Rule",
    "RuleSet",
    "RuleText",
    "StatementOfReasons",
    "StatementTemplate",
    "Strike",
]
