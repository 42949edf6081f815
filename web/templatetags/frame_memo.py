"""`{% memo value ... %}…{% endmemo %}`: a piece of the page frame rendered once per
process for each combination of the active language and the values named, then reused.

The frame (templates/base.html: the navigation, the account menu, the footer and its
language switcher) is some thirty translated strings, links and conditionals that every
page renders around its content; in one process it cost about as much as the whole
signed-in trivial view (bench/README.md, "Signed-in pages"). What it shows depends only
on a few values (the language, who is signed in and their name, avatar and role, the
current page's name), so the memo's key is exactly those: the tag lists them, and the
active language and the script prefix (the frame's links) are always part of it. Nothing
is ever stale: a changed value is a new key.

The photo page memoizes two small pieces the same way: its report links (per photo) and
its favourite count (per count), translated words and reversed links that were most of
what it rendered per viewer beside its cached parts (web/photo_parts.py).

The one per-request part a memo may hold is the CSRF token of a form inside it: the body
is rendered with a placeholder token and the request's own token is put in on every use,
so no token is ever shared. Anything else that changes per request (a path, a date, the
messages) must stay outside a memo or be named in its key.

Entries live in this process's memory (no cache round trip, no unpickling); the store is
emptied when it reaches MAX_ENTRIES, so it stays bounded however many members sign in.
"""

from django import template
from django.template.defaulttags import CsrfTokenNode
from django.urls import get_script_prefix
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()

MAX_ENTRIES = 5_000
PLACEHOLDER = "csrfplaceholder0memo0frame0token"
_store: dict[tuple, str] = {}


class MemoNode(template.Node):
    # Template inheritance looks for `{% extends %}` and `{% block %}` by walking every
    # node on every render; a memo holds neither (its output is reused whole), so the
    # walk stops here.
    child_nodelists = ()

    def __init__(self, nodelist, values):
        self.nodelist = nodelist
        self.values = values

    def render(self, context):
        values = (value.resolve(context) for value in self.values)
        key = (id(self), get_language(), get_script_prefix(), *values)
        rendered = _store.get(key)
        if rendered is None:
            with context.push(csrf_token=PLACEHOLDER):
                rendered = self.nodelist.render(context)
            if len(_store) >= MAX_ENTRIES:
                _store.clear()
            _store[key] = rendered
        if PLACEHOLDER in rendered:
            rendered = _with_token(rendered, context)
        return mark_safe(rendered)  # noqa: S308 - the body's own rendering, escaped there


def forget_all() -> None:
    """Empties this process's memo (tests start from nothing)."""
    _store.clear()


def _with_token(rendered: str, context) -> str:
    """The placeholder's hidden input replaced with the request's own."""
    with context.push(csrf_token=PLACEHOLDER):
        placeholder = CsrfTokenNode().render(context)
    return rendered.replace(placeholder, CsrfTokenNode().render(context))


@register.tag
def memo(parser, token):
    values = [parser.compile_filter(bit) for bit in token.split_contents()[1:]]
    nodelist = parser.parse(("endmemo",))
    parser.delete_first_token()
    return MemoNode(nodelist, values)
