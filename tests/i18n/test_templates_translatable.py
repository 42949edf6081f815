"""No template shows text that cannot be translated: every word a person reads (element
text, and the alt, title, placeholder and aria-label attributes) comes from a translation
tag, a variable or a filter. Names that are the same in every language are allowed."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE_DIRS = [ROOT / "templates", *ROOT.glob("*/templates")]
SKIPPED_DIRS = {ROOT / "bench" / "templates"}
SAME_IN_EVERY_LANGUAGE = {
    *("Candid", "Deutsch", "English"),
    *("CSV", "XLSX", "JSON", "HTML", "API", "SHA", "PDQ"),
}

TRANSLATED = re.compile(
    r"{%\s*blocktrans(?:late)?\b.*?{%\s*endblocktrans(?:late)?\s*%}|{%\s*trans(?:late)?\s.*?%}",
    re.DOTALL,
)
CLASS_BLOCKS = re.compile(r"{%\s*block\s+\w*class\s*%}.*?{%\s*endblock\b.*?%}", re.DOTALL)
TEMPLATE_CODE = re.compile(
    r"{%\s*comment\s*%}.*?{%\s*endcomment\s*%}|{%.*?%}|{{.*?}}|{#.*?#}", re.DOTALL
)
PATHS = re.compile(r"\S*/\S*")  # a link or path in a mail's text, the same in every language
SCRIPT_OR_STYLE = re.compile(r"<(script|style)\b.*?</\1>", re.DOTALL | re.IGNORECASE)
READ_ATTRIBUTES = re.compile(
    r"""\b(?:alt|title|placeholder|aria-label|aria-description)\s*=\s*("[^"]*"|'[^']*')""",
    re.IGNORECASE,
)
MARKUP = re.compile(r"<!--.*?-->|<[^>]*>|&[#\w]+;", re.DOTALL)
WORD = re.compile(r"[^\W\d_]{2,}")


def templates():
    for folder in TEMPLATE_DIRS:
        if folder in SKIPPED_DIRS:
            continue
        yield from sorted(p for p in folder.rglob("*") if p.suffix in {".html", ".txt", ".xml"})


def untranslated_words(source: str) -> list[str]:
    text = TEMPLATE_CODE.sub(" ", TRANSLATED.sub(" ", CLASS_BLOCKS.sub(" ", source)))
    text = SCRIPT_OR_STYLE.sub(" ", text)
    attributes = " ".join(value[1:-1] for value in READ_ATTRIBUTES.findall(text))
    shown = PATHS.sub(" ", MARKUP.sub(" ", text)) + " " + attributes
    return [w for w in WORD.findall(shown) if w not in SAME_IN_EVERY_LANGUAGE]


@pytest.mark.parametrize("template", list(templates()), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_word_a_template_shows_is_translatable(template):
    words = untranslated_words(template.read_text(encoding="utf-8"))
    assert words == [], f"untranslated text in {template.relative_to(ROOT)}: {' '.join(words)}"


def test_the_check_finds_untranslated_text_and_accepts_translated_text():
    assert untranslated_words('<p>Hello <img alt="A cat"></p>') == ["Hello", "cat"]
    assert untranslated_words("<p>{% translate 'Hello' %} {{ name }}</p>") == []
    translated = "{% blocktranslate count n=c %}One{% plural %}{{ n }} many{% endblocktranslate %}"
    assert untranslated_words(translated) == []
    assert untranslated_words("{% block main_class %}container narrow{% endblock %}") == []
    assert untranslated_words("{% comment %}Why{% endcomment %}{{ site }}/moderation/") == []
