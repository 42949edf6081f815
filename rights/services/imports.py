"""Loading an export archive into an account on this instance (`manage.py
import_archive`). Photos go through `photo_upload`, so this instance checks, hashes and
renders them itself; each privacy module with an `import_archive` loads its folder."""

import zipfile

from accounts.models import User
from accounts.services import profile_update, user_create_passwordless
from core.errors import ServiceError
from rights import registry
from rights.archive import LAYOUT_VERSION, ArchiveReader


def archive_import(*, path, username: str, create_user: bool) -> dict:
    try:
        reader = ArchiveReader(path)
    except (OSError, ValueError, zipfile.BadZipFile) as exc:
        raise ServiceError(f"The archive cannot be read: {exc}") from exc
    try:
        manifest = reader.json("manifest.json")
        if not manifest or manifest.get("layout_version") != LAYOUT_VERSION:
            raise ServiceError("This is not a Candid export archive (no manifest.json v1).")
        user = _target_user(username, create_user)
        report: dict = {"username": user.username, "created": create_user}
        if create_user:
            profile = reader.json("account/profile.json", {})
            profile_update(
                user=user,
                display_name=profile.get("display_name", "")[:80],
                bio=profile.get("bio", "")[:2000],
            )
        for module in registry.modules():
            if hasattr(module, "import_archive"):
                module.import_archive(user, reader, report)
    finally:
        reader.close()
    return report


def _target_user(username: str, create: bool) -> User:
    existing = User.objects.filter(username=username, is_active=True).first()
    if create:
        if existing is not None:
            raise ServiceError(f"The user “{username}” exists already; leave out --create-user.")
        return user_create_passwordless(username=username)
    if existing is None:
        raise ServiceError(f"There is no user “{username}”; add --create-user to create one.")
    return existing
