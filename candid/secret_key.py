"""The secret key Candid signs sessions, password-reset links and CSRF tokens with.

The embedded default is public (it is in this repository), so anyone could forge a
session or a reset link with it: it is used only with DEBUG on. Otherwise Candid refuses
to start unless it has a secret of its own, from SECRET_KEY or from a key file
(CANDID_SECRET_KEY_FILE, by default CANDID_DATA_DIR/secret_key, which `make run` creates
once with a random value, mode 0600).
"""

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

EMBEDDED_SECRET_KEY = "candid-embedded-default-not-for-production"  # noqa: S105 - public

REFUSAL = (
    "Candid refuses to start without a secret key of its own: the embedded default is "
    "public. Set SECRET_KEY (50 or more random characters, e.g. from `python3 -c "
    '"import secrets; print(secrets.token_urlsafe(50))"`), or put one in the file '
    "CANDID_SECRET_KEY_FILE names ({path}); `make run` creates that file itself. "
    "For development only, DEBUG=1 runs on the embedded default."
)


def own_secret_key(value: str, *, key_file: Path, debug: bool) -> str:
    """SECRET_KEY's value, else the key file's content; the embedded default with DEBUG
    on; otherwise ImproperlyConfigured, naming what to set."""
    value = value.strip()
    if not value and key_file.is_file():
        value = key_file.read_text(encoding="utf-8").strip()
    if value and value != EMBEDDED_SECRET_KEY:
        return value
    if debug:
        return EMBEDDED_SECRET_KEY
    raise ImproperlyConfigured(REFUSAL.format(path=key_file))
