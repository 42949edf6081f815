"""Fixtures of the fault tests: moderation rules and a dataset with consenting photos."""

from tests.consent.releases_support import admin, consenting, dataset  # noqa: F401
from tests.moderation.conftest import rules  # noqa: F401
from tests.rights.conftest import exported  # noqa: F401
