"""The privacy registry (STYLE.md: "each app's privacy.py says what it exports for a user
and how it erases them; the rights app walks the registry").

A privacy module is a plain module with these names:

    SECTION: str
        Folder of the archive the module writes under (e.g. "photos").
    README: str
        Markdown describing that folder, copied into the archive's README.md.
    export(user, writer) -> None
        Writes the module's part through `rights.archive.ArchiveWriter`
        (`write_json`, `json_array`, `copy_from_storage`). Must stream: iterate querysets
        with `.iterator(chunk_size=...)`, never build a list of all rows.
    erase(user, *, holds) -> dict[str, int]
        Deletes or anonymises the user's data, except what `holds` keeps (see
        `moderation.privacy.Holds`). Returns counts for the event log (never names,
        emails or text). Runs inside one transaction; delete stored files with
        `transaction.on_commit`. Must be idempotent: a held erasure runs it again later.

and optionally:

    legal_holds(user) -> Holds
        Content that must outlive the erasure for now (only moderation has any).
    stored_files() -> Iterable[str]
        Every storage path the module's rows point to, for `manage.py media_check`.
    STORAGE_PREFIXES: tuple[str, ...]
        The storage folders those files live in (media_check looks only there).
    import_archive(user, reader, report) -> None
        Loads the module's folder of an archive into `user` (`manage.py import_archive`).

Export walks the registry in order; erasure walks it in reverse, so the account itself
is anonymised last.
"""

import importlib
from types import ModuleType

REGISTRY: tuple[str, ...] = (
    "accounts.privacy",
    "federation.privacy",
    "photos.privacy",
    "social.privacy",
    "notifications.privacy",
    "moderation.privacy",
    "consent.privacy",
    "thirdparty.privacy",
    "rights.privacy",
    "core.privacy",
)


def modules() -> list[ModuleType]:
    """The privacy modules, in export order."""
    return [importlib.import_module(name) for name in REGISTRY]


def readmes() -> list[str]:
    """Each section's README text, in export order."""
    return [module.README for module in modules()]
