"""pydantic's error messages in the caller's language (issue 15).

pydantic writes its messages in English only. For the errors clients meet most, the
message is rebuilt here from the error's `type` and `ctx` through gettext; the English
msgids repeat pydantic's own wording, so English answers stay exactly as pydantic gives
them. Any other error keeps pydantic's message; ours (core.validators, the body check)
are translated where they are raised.
"""

from django.utils.translation import gettext, ngettext

MESSAGES = {
    "missing": lambda ctx: gettext("Field required"),
    "extra_forbidden": lambda ctx: gettext("Extra inputs are not permitted"),
    "string_type": lambda ctx: gettext("Input should be a valid string"),
    "int_type": lambda ctx: gettext("Input should be a valid integer"),
    "int_parsing": lambda ctx: gettext(
        "Input should be a valid integer, unable to parse string as an integer"
    ),
    "bool_type": lambda ctx: gettext("Input should be a valid boolean"),
    "bool_parsing": lambda ctx: gettext(
        "Input should be a valid boolean, unable to interpret input"
    ),
    "list_type": lambda ctx: gettext("Input should be a valid list"),
    "literal_error": lambda ctx: gettext("Input should be %(expected)s")
    % {"expected": ctx.get("expected", "")},
    "enum": lambda ctx: gettext("Input should be %(expected)s")
    % {"expected": ctx.get("expected", "")},
    "string_too_long": lambda ctx: ngettext(
        "String should have at most %(n)s character",
        "String should have at most %(n)s characters",
        ctx.get("max_length", 0),
    )
    % {"n": ctx.get("max_length", 0)},
    "string_too_short": lambda ctx: ngettext(
        "String should have at least %(n)s character",
        "String should have at least %(n)s characters",
        ctx.get("min_length", 0),
    )
    % {"n": ctx.get("min_length", 0)},
    "less_than_equal": lambda ctx: gettext("Input should be less than or equal to %(limit)s")
    % {"limit": ctx.get("le", "")},
    "greater_than_equal": lambda ctx: gettext("Input should be greater than or equal to %(limit)s")
    % {"limit": ctx.get("ge", "")},
    "less_than": lambda ctx: gettext("Input should be less than %(limit)s")
    % {"limit": ctx.get("lt", "")},
    "greater_than": lambda ctx: gettext("Input should be greater than %(limit)s")
    % {"limit": ctx.get("gt", "")},
}


def error_message(error: dict) -> str:
    """The message of one pydantic error in the active language."""
    build = MESSAGES.get(error.get("type", ""))
    if build is None:
        return error.get("msg", gettext("invalid"))
    return build(error.get("ctx") or {})
