"""A validator for statements of reasons, driven by the DSA Transparency Database schema file.

DSA Art. 24(5) asks online platforms to send every statement of reasons (Art. 17) to the
Commission's Transparency Database. The rules here are not written out by hand: they are
read from the schema file (settings.CANDID_SOR_SCHEMA_PATH, the shared reference
`dsa-sor-schema.json` or the copy vendored next to this module). Each field's `type`,
`enum`/`items_enum`, `max_length`, `pattern`, `format`, `min`/`max`, `min_items`,
`allowed_keys`, `required`, `required_if`, `excluded_unless` and `excluded_if` is applied
as the file says; legacy values listed under `legacy_v1_values_no_longer_accepted` are
refused by name.

Where the database silently drops an "excluded" field, this validator reports it instead:
a value the database would throw away should not leave Candid at all (it may be personal
data, e.g. `source_identity` on an own-initiative decision). Two documented rules that the
database does not enforce are checked too: end dates on or after the application date
(`end_dates`), and no personal data in free text (`no_personal_data`: e-mail addresses and
profile links are refused; names cannot be recognised generically, see privacy.py).
"""

import datetime as dt
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings

from transparency.sor.privacy import personal_data_in

CONDITION_WORDS = {"equals": "is", "contains": "contains"}


@dataclass(frozen=True)
class SorError:
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


def schema_path() -> Path:
    return Path(settings.CANDID_SOR_SCHEMA_PATH)


def load_schema(path: Path | str | None = None) -> dict:
    return _load(str(path or schema_path()))


@lru_cache(maxsize=4)
def _load(path: str) -> dict:
    with open(path, encoding="utf-8") as handle:
        schema = json.load(handle)
    for name, spec in schema["fields"].items():
        enum = spec.get("enum") or spec.get("items_enum")
        if enum and enum not in schema["enums"]:
            raise ValueError(f"Schema field {name} names an unknown enumeration {enum}.")
    return schema


def free_text_fields(schema: dict) -> list[str]:
    """String fields a person writes (no enumeration, pattern or format)."""
    return [
        name
        for name, spec in schema["fields"].items()
        if spec["type"] == "string" and not ({"enum", "pattern", "format"} & spec.keys())
    ]


def validate(record: dict, schema: dict | None = None) -> list[SorError]:
    """Every way `record` breaks the schema, in plain words, keyed by field. Empty: valid."""
    schema = schema or load_schema()
    if not isinstance(record, dict):
        return [SorError("statement", "must be a JSON object of fields")]
    errors: list[SorError] = []
    for name in record:
        if name not in schema["fields"]:
            errors.append(SorError(name, "is not a field of the Transparency Database schema"))
    seen_rules: set[str] = set()
    for name, spec in schema["fields"].items():
        errors += _presence(name, spec, record, seen_rules)
        if _present(record.get(name)):
            errors += _value(name, spec, record[name], schema)
    errors += _end_dates(record, schema)
    errors += _personal_data(record, schema)
    return errors


def _present(value) -> bool:
    return value not in (None, "", [], {})


def _holds(condition: dict, record: dict) -> bool:
    if "required_without_all" in condition:
        return not any(_present(record.get(f)) for f in condition["required_without_all"])
    value = record.get(condition["field"])
    if "equals" in condition:
        return value == condition["equals"]
    return isinstance(value, list) and condition["contains"] in value


def _describe(condition: dict) -> str:
    word = next(key for key in CONDITION_WORDS if key in condition)
    return f"{condition['field']} {CONDITION_WORDS[word]} {condition[word]}"


def _presence(name: str, spec: dict, record: dict, seen_rules: set[str]) -> list[SorError]:
    present = _present(record.get(name))
    if spec.get("required") is True and not present:
        return [SorError(name, "is required")]
    condition = spec.get("required_if")
    if condition and not present and _holds(condition, record):
        text = condition.get("rule_text")
        if text:
            if text in seen_rules:
                return []
            seen_rules.add(text)
            return [SorError(name, f"is missing: {text}")]
        return [SorError(name, f"is required when {_describe(condition)}")]
    if not present:
        return []
    unless = spec.get("excluded_unless")
    if unless and not _holds(unless, record):
        return [SorError(name, f"is only allowed when {_describe(unless)}")]
    excluded = spec.get("excluded_if")
    if excluded and _holds(excluded, record):
        return [SorError(name, f"is not allowed when {_describe(excluded)}")]
    return []


def _value(name: str, spec: dict, value, schema: dict) -> list[SorError]:
    kind = spec["type"]
    if kind == "array":
        return _array(name, spec, value, schema)
    if kind == "object":
        return _object(name, spec, value)
    if not isinstance(value, str):
        return [SorError(name, "must be text" if kind == "string" else "must be a date string")]
    if kind == "date":
        return _date(name, spec, value)
    errors = []
    if spec.get("enum"):
        errors += _enum(name, spec["enum"], value, schema)
    if "max_length" in spec and len(value) > spec["max_length"]:
        errors.append(
            SorError(name, f"is {len(value)} characters long; at most {spec['max_length']}")
        )
    if "pattern" in spec and not re.fullmatch(spec["pattern"], value):
        errors.append(SorError(name, f"must match the pattern {spec['pattern']}"))
    if spec.get("format") == "url" and not _is_url(value):
        errors.append(SorError(name, "must be a full http(s) URL"))
    return errors


def _array(name: str, spec: dict, value, schema: dict) -> list[SorError]:
    if not isinstance(value, list):
        return [SorError(name, "must be a list of values")]
    if len(value) < spec.get("min_items", 0):
        return [SorError(name, f"needs at least {spec['min_items']} item(s)")]
    errors = []
    for item in value:
        if not isinstance(item, str):
            errors.append(SorError(name, f"holds {item!r}, which is not text"))
        elif spec.get("items_enum"):
            errors += _enum(name, spec["items_enum"], item, schema)
    return errors


def _enum(name: str, enum: str, value: str, schema: dict) -> list[SorError]:
    if value in schema["enums"][enum]:
        return []
    if value in _legacy_values(schema).get(enum, ()):
        changed = schema["legacy_v1_values_no_longer_accepted"].get("changed_on", "")
        return [SorError(name, f"{value} is a legacy value, no longer accepted since {changed}")]
    return [SorError(name, f"{value!r} is not one of the allowed {enum} values")]


def _legacy_values(schema: dict) -> dict[str, set[str]]:
    """Legacy values are listed by field; they apply to every field sharing that enum."""
    legacy = schema.get("legacy_v1_values_no_longer_accepted", {})
    by_enum: dict[str, set[str]] = {}
    for field_name, values in legacy.items():
        spec = schema["fields"].get(field_name)
        if spec and isinstance(values, list):
            enum = spec.get("enum") or spec.get("items_enum")
            by_enum.setdefault(enum, set()).update(values)
    return by_enum


def _object(name: str, spec: dict, value) -> list[SorError]:
    if not isinstance(value, dict):
        return [SorError(name, "must be an object")]
    allowed = spec.get("allowed_keys", {})
    errors = []
    for key, item in value.items():
        sub = allowed.get(key)
        if sub is None:
            keys = ", ".join(allowed) or "none"
            errors.append(SorError(name, f"has the key {key!r}; allowed keys: {keys}"))
        elif not isinstance(item, str) or not re.fullmatch(sub.get("pattern", ".*"), item):
            errors.append(SorError(name, f"{key} must match {sub.get('pattern')}"))
    return errors


def _date(name: str, spec: dict, value: str) -> list[SorError]:
    parsed = _parse_date(value)
    if parsed is None:
        return [SorError(name, f"{value!r} is not a date in the form YYYY-MM-DD")]
    low, high = spec.get("min"), spec.get("max")
    if low and parsed < dt.date.fromisoformat(low):
        return [SorError(name, f"is {value}; it must not be before {low}")]
    if high and parsed > dt.date.fromisoformat(high):
        return [SorError(name, f"is {value}; it must not be after {high}")]
    return []


def _parse_date(value) -> dt.date | None:
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _is_url(value: str) -> bool:
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and " " not in value


def _end_dates(record: dict, schema: dict) -> list[SorError]:
    """Cross-field rule `end_dates`: an end date belongs to a restriction that is present
    and is on or after the application date (documented by the database, not enforced)."""
    applied = _parse_date(record.get("application_date"))
    errors = []
    for name, spec in schema["fields"].items():
        related = spec.get("relates_to")
        end = _parse_date(record.get(name))
        if not related or end is None:
            continue
        if not _present(record.get(related)):
            errors.append(SorError(name, f"is given but there is no {related} to end"))
        elif applied and end < applied:
            errors.append(SorError(name, f"is before the application_date {applied}"))
    return errors


def _personal_data(record: dict, schema: dict) -> list[SorError]:
    """Cross-field rule `no_personal_data` (Art. 24(5)): what can be recognised generically."""
    errors = []
    for name in free_text_fields(schema):
        value = record.get(name)
        if isinstance(value, str):
            errors += [SorError(name, f"contains {what}") for what in personal_data_in(value)]
    return errors
