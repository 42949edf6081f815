"""Reading the operator profile file (CANDID_OPERATOR_FILE, a TOML file) for settings.py.
Only syntax is checked here; what the values mean is checked by legal/checks.py."""

import tomllib
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured


def read_operator_file(path: str) -> dict:
    """The file's tables as a dict; {} when no file is named."""
    if not path:
        return {}
    try:
        with Path(path).open("rb") as file:
            return tomllib.load(file)
    except FileNotFoundError:
        raise ImproperlyConfigured(f"CANDID_OPERATOR_FILE: there is no file {path}.") from None
    except tomllib.TOMLDecodeError as error:
        raise ImproperlyConfigured(f"CANDID_OPERATOR_FILE {path}: {error}.") from None
