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
is anonymised last. A module listed as optional (consent, OAuth apps) is skipped while it
does not exist; the export then writes the empty placeholder files named here, so the
archive layout does not depend on which apps are installed.
"""

import importlib
from dataclasses import dataclass, field
from types import ModuleType


@dataclass(frozen=True)
class Entry:
    module: str
    optional: bool = False
    placeholders: dict[str, object] = field(default_factory=dict)
    readme: str = ""


REGISTRY: tuple[Entry, ...] = (
    Entry("accounts.privacy"),
    Entry("photos.privacy"),
    Entry("social.privacy"),
    Entry("moderation.privacy"),
    Entry(
        "consent.privacy",
        optional=True,
        placeholders={"consent/history.json": []},
        readme="### consent/\n\n- `history.json`: your consent settings for AI training and "
        "biometric use, with their history.\n",
    ),
    Entry(
        "thirdparty.privacy",
        optional=True,
        placeholders={"apps/authorisations.json": []},
        readme="### apps/\n\n- `authorisations.json`: the third-party apps you authorised, "
        "their scopes and last use (never their secrets).\n",
    ),
    Entry("rights.privacy"),
)


def _load(entry: Entry) -> ModuleType | None:
    try:
        return importlib.import_module(entry.module)
    except ModuleNotFoundError as exc:
        if entry.optional and exc.name == entry.module:
            return None
        raise


def modules() -> list[ModuleType]:
    """The privacy modules present, in export order."""
    return [m for m in map(_load, REGISTRY) if m is not None]


def readmes() -> list[str]:
    """Each section's README text, in export order (placeholders' for missing modules)."""
    return [m.README if m is not None else e.readme for e, m in _entries()]


def missing_placeholders() -> dict[str, object]:
    """Placeholder files for optional modules that are not installed yet."""
    out: dict[str, object] = {}
    for entry, module in _entries():
        if module is None:
            out.update(entry.placeholders)
    return out


def _entries() -> list[tuple[Entry, ModuleType | None]]:
    return [(entry, _load(entry)) for entry in REGISTRY]
