"""Candid's own settings, plus one trivial view to compare the real pages against."""

from candid.settings import *  # noqa: F403

DEBUG = False
ROOT_URLCONF = "bench.trivial_urls"
TEMPLATES[0]["DIRS"] = [*TEMPLATES[0]["DIRS"], BASE_DIR / "bench" / "templates"]  # noqa: F405
