"""Text the API accepts, checked by core.validators, and the base of every request body.

`PlainText` is a string without control characters; `VisibleText` also has to show
something (titles and names). Both carry the rule in the OpenAPI document as a `pattern`,
so the document and the behaviour agree. A control character, or a title that shows
nothing, is answered 400 naming the field (api.errors), like the web forms; other schema
errors stay 422.

`InputSchema` is the base of JSON request bodies: a body must be an object (ninja reads
attributes of whatever it is given, so a bare JSON string used to pass as an album, its
`title` the result of the string's `.title()` method) and its values of the documented
types. `ParamsSchema` is the base of query and form parameters.
"""

from typing import Annotated, Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from ninja import Schema
from pydantic import AfterValidator, ConfigDict, field_validator, model_validator
from pydantic_core import PydanticCustomError

from core.validators import (
    CONTROL_CHARACTER_CODE,
    INVISIBLE_CODE,
    PLAIN_TEXT_PATTERN,
    reject_control_characters,
    reject_invisible,
)


def _plain(value: str) -> str:
    try:
        reject_control_characters(value)
    except DjangoValidationError as error:
        raise PydanticCustomError(CONTROL_CHARACTER_CODE, error.messages[0]) from None
    return value


def _visible(value: str) -> str:
    try:
        reject_invisible(value)
    except DjangoValidationError as error:
        raise PydanticCustomError(INVISIBLE_CODE, error.messages[0]) from None
    return value


class _Pattern:
    """Adds the plain-text pattern to whatever JSON schema the string already has
    (lengths, descriptions)."""

    def __get_pydantic_json_schema__(self, core_schema, handler) -> dict[str, Any]:
        schema = handler(core_schema)
        schema["pattern"] = PLAIN_TEXT_PATTERN
        return schema


PlainText = Annotated[str, AfterValidator(_plain), _Pattern()]
VisibleText = Annotated[str, AfterValidator(_plain), AfterValidator(_visible), _Pattern()]


class InputSchema(Schema):
    """Base of every JSON request body: it must be an object, its values must have the
    types the document gives (strict: `false` is not an id, "5" is not a number), and no
    text in it, however deeply nested, may hold a control character."""

    model_config = ConfigDict(strict=True)

    @model_validator(mode="before")
    @classmethod
    def _an_object(cls, data: Any) -> Any:
        given = getattr(data, "_obj", data)  # ninja wraps it in a DjangoGetter
        if isinstance(given, dict):
            return _whole_numbers_as_int(given)
        raise PydanticCustomError("model_type", _("The body must be a JSON object."))

    @field_validator("*", mode="after")
    @classmethod
    def _plain_text(cls, value: Any) -> Any:
        for text in _texts_in(value):
            _plain(text)
        return value

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema, handler) -> dict[str, Any]:
        schema = handler(core_schema)
        _add_pattern(handler.resolve_ref_schema(schema))
        return schema


def _whole_numbers_as_int(value: Any) -> Any:
    """JSON does not tell 2086.0 from 2086 (both are integers to JSON Schema); strict
    validation would, so whole floats are read as ints."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, list):
        return [_whole_numbers_as_int(item) for item in value]
    if isinstance(value, dict):
        return {key: _whole_numbers_as_int(item) for key, item in value.items()}
    return value


def _texts_in(value: Any):
    if isinstance(value, str):
        yield value
    elif isinstance(value, list | tuple | set):
        for item in value:
            yield from _texts_in(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts_in(key)
            yield from _texts_in(item)


def _add_pattern(schema: dict) -> None:
    """Every free-text string in the document says it takes no control characters."""
    if schema.get("type") == "string" and not {"enum", "const", "format"} & schema.keys():
        schema.setdefault("pattern", PLAIN_TEXT_PATTERN)
    for key in ("anyOf", "oneOf", "allOf", "prefixItems"):
        for part in schema.get(key, ()):
            _add_pattern(part)
    for key in ("items", "additionalProperties"):
        if isinstance(schema.get(key), dict):
            _add_pattern(schema[key])
    for part in schema.get("properties", {}).values():
        _add_pattern(part)


class ParamsSchema(InputSchema):
    """Base of query and form parameters: they arrive as text, so "5" is read as 5."""

    model_config = ConfigDict(strict=False)
