"""What the decision form starts from (issue 17): the notices' ground, rule, law, country
and category, and the admins' statement template for the rule. All of it is only an
initial value the moderator sees and may change; nothing is added after sending."""

from collections import Counter

from moderation.models import StatementTemplate
from moderation.models.targets import Ground


def statement_templates() -> dict[str, str]:
    return dict(StatementTemplate.objects.values_list("rule_code", "text"))


def decision_initial(notices, templates: dict[str, str]) -> dict:
    """The most cited ground and, for it, the most cited rule or category; the laws and
    countries the illegal-content notices name."""
    initial: dict = {}
    grounds = Counter(n.ground for n in notices)
    if not grounds:
        return initial
    ground = grounds.most_common(1)[0][0]
    initial["ground"] = ground
    if ground == Ground.RULES:
        rules = Counter(n.rule.code for n in notices if n.ground == ground and n.rule_id)
        if rules:
            code = rules.most_common(1)[0][0]
            initial["rule"] = code
            initial["rule_explanation"] = templates.get(code, "")
        return initial
    illegal = [n for n in notices if n.ground == Ground.ILLEGAL]
    categories = Counter(n.category for n in illegal if n.category)
    if categories:
        initial["category"] = categories.most_common(1)[0][0]
    laws = _distinct(f"{n.law} ({n.country})" if n.country else n.law for n in illegal if n.law)
    initial["legal_ground"] = "; ".join(laws)[:500]
    initial["countries"] = ", ".join(_distinct(n.country for n in illegal if n.country))
    return initial


def _distinct(values) -> list[str]:
    return list(dict.fromkeys(v.strip() for v in values if v and v.strip()))
