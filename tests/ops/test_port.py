"""`PORT=8080 make run`: SITE_URL follows PORT unless set, so links in mail and the report
form's own-link check name the port Candid serves on."""

import os
import subprocess
import sys

from django.conf import settings as django_settings
from django.urls import reverse

from moderation.services.targets import target_from_url


def site_url_with(**env: str) -> str:
    """SITE_URL as a fresh process reads it from this environment."""
    environ = {k: v for k, v in os.environ.items() if k not in {"PORT", "SITE_URL"}}
    environ |= {"DJANGO_SETTINGS_MODULE": "candid.settings", **env}
    code = "from django.conf import settings; print(settings.SITE_URL)"
    done = subprocess.run(  # noqa: S603 (our own interpreter, fixed arguments)
        [sys.executable, "-c", code],
        env=environ,
        cwd=django_settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def test_site_url_follows_port_when_unset():
    assert site_url_with(PORT="8080") == "http://127.0.0.1:8080"
    assert site_url_with() == "http://127.0.0.1:8000"


def test_an_explicit_site_url_wins_over_port():
    assert site_url_with(PORT="8080", SITE_URL="https://photos.example.org/") == (
        "https://photos.example.org"
    )


def test_report_form_accepts_a_link_to_this_site_on_port_8080(settings, alice, upload):
    settings.SITE_URL = site_url_with(PORT="8080")
    photo = upload(alice)
    target = target_from_url(f"http://127.0.0.1:8080{reverse('photo', args=[photo.pk])}")
    assert target.obj == photo
