"""The community rules in a reader's language (issue 15: the rules are versioned per
language). A Rule holds the source text (English); its RuleTexts hold the same version in
other languages. Every reader, page or statement of reasons, asks for a language and gets
the wording in it where the version has one, else the source text, told which it got."""

from dataclasses import dataclass

from django.conf import settings

from moderation.models import Rule
from moderation.models.rules import SOURCE_LANGUAGE


@dataclass(frozen=True)
class Wording:
    code: str
    title: str
    text: str
    examples: str
    language: str
    version: int


def rule_wording(rule: Rule, language: str) -> Wording:
    """`rule` in `language`; the source text when the version has none in it. Reads the
    rule's texts through `rule.texts.all()`, so a prefetch of "texts" serves a list."""
    found = next((t for t in rule.texts.all() if t.language == language), None)
    source = found or rule
    return Wording(
        code=rule.code,
        title=source.title,
        text=source.text,
        examples=source.examples,
        language=language if found else SOURCE_LANGUAGE,
        version=rule.ruleset.version,
    )


def rules_worded(rules: list[Rule], language: str) -> list[Wording]:
    return [rule_wording(rule, language) for rule in rules]


def languages_of(rules: list[Rule]) -> list[str]:
    """The languages a version's rules can be read in, in the order of settings.LANGUAGES:
    the source language always, another when every rule of the version has a text in it."""
    have = {SOURCE_LANGUAGE}
    for code, _name in settings.LANGUAGES:
        if rules and all(any(t.language == code for t in r.texts.all()) for r in rules):
            have.add(code)
    return [code for code, _name in settings.LANGUAGES if code in have]


@dataclass(frozen=True)
class Citation:
    """A rule as a statement of reasons cites it: the wording in the reader's language
    with its link, and links to the same rule in the version's other languages."""

    wording: Wording
    url: str
    others: list[tuple[str, str, str]]  # (language, its name, link)


def rule_citation(rule: Rule, language: str) -> Citation:
    wording = rule_wording(rule, language)
    names = dict(settings.LANGUAGES)
    others = [
        (code, names[code], rule_url(rule, code))
        for code in languages_of([rule])
        if code != wording.language
    ]
    return Citation(wording=wording, url=rule_url(rule, wording.language), others=others)


def rule_url(rule: Rule, language: str) -> str:
    version, code = rule.ruleset.version, rule.code
    return f"{settings.SITE_URL}/rules/v{version}/?lang={language}#{code}"
