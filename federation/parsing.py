"""Reading what peers send, liberally: compacted JSON-LD puts a string where a list is
expected, an object or a bare URI where an object is expected, null where a value is."""


def as_id(value) -> str | None:
    """The id of an object or link, or the value itself when it is a URI."""
    if isinstance(value, str):
        return value or None
    if isinstance(value, dict):
        found = value.get("id") or value.get("href")
        return found if isinstance(found, str) and found else None
    return None


def as_list(value) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def first(value):
    items = as_list(value)
    return items[0] if items else None
