"""Is a page or a mail German through and through? Its visible text must not contain the
English source of any catalogue message (ours and Django's) whose German translation
differs: every run of more than three words between placeholders and tags is looked for
verbatim. Names, references and user content rarely match four English words in a row;
English UI text left untranslated always does."""

import re
from functools import cache
from html.parser import HTMLParser

from django.utils.translation import trans_real

PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{[^}]*\}|<[^>]+>")
WORDS = 4
SHOWN_ATTRIBUTES = {"alt", "title", "placeholder", "aria-label"}


@cache
def english_runs() -> tuple[str, ...]:
    """The English runs of ≥4 words that a German page must not show."""
    catalog = trans_real.translation("de")._catalog
    runs = set()
    for key, german in catalog.items():
        english = key[0] if isinstance(key, tuple) else key
        english = english.split("\x04")[-1]
        if not english or english == german:
            continue
        for run in PLACEHOLDER.split(english):
            run = " ".join(run.split()).strip(" ,.;:()“”\"'")
            if len(run.split()) >= WORDS and run not in german:
                runs.add(run)
    return tuple(sorted(runs))


def english_in(text: str) -> list[str]:
    shown = " ".join(text.split())
    return [run for run in english_runs() if run in shown]


class _Visible(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0
        self.lang = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "html":
            self.lang = attributes.get("lang")
        if tag in {"script", "style", "template"}:
            self.hidden += 1
        self.parts.extend(v for k, v in attributes.items() if k in SHOWN_ATTRIBUTES and v)
        if tag == "input" and attributes.get("type") in {"submit", "button"}:
            self.parts.append(attributes.get("value") or "")

    def handle_endtag(self, tag):
        if tag in {"script", "style", "template"}:
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def visible_text(html: str) -> tuple[str | None, str]:
    """(the html element's lang, the text a reader sees or hears)."""
    parser = _Visible()
    parser.feed(html)
    return parser.lang, " ".join(" ".join(parser.parts).split())


def assert_german_page(response, status: int = 200) -> str:
    assert response.status_code == status, (response.status_code, response.request["PATH_INFO"])
    lang, text = visible_text(response.content.decode())
    assert lang == "de", (response.request["PATH_INFO"], lang)
    leftovers = english_in(text)
    assert leftovers == [], (response.request["PATH_INFO"], leftovers)
    return text


def assert_german_mail(message) -> str:
    text = f"{message.subject}\n{message.body}"
    for content, mimetype in getattr(message, "alternatives", []):
        if mimetype == "text/html":
            text += "\n" + visible_text(content)[1]
    leftovers = english_in(text)
    assert leftovers == [], (message.subject, leftovers)
    return text
