"""The German catalogue is whole: every message has a German text, none is fuzzy, and the
catalogue compiles without error (a duplicate entry from two branches merged is one). The
.mo is built from it by `make messages`, never committed."""

import subprocess
from pathlib import Path

CATALOGUE = Path(__file__).resolve().parent.parent / "locale/de/LC_MESSAGES/django.po"


def gettext_tool(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(args, capture_output=True, text=True, check=False)  # noqa: S603


def test_the_german_catalogue_compiles_and_the_running_mo_is_current(tmp_path):
    compiled = tmp_path / "django.mo"
    run = gettext_tool("msgfmt", "--check-format", "-o", str(compiled), str(CATALOGUE))
    assert run.returncode == 0, run.stderr
    assert compiled.read_bytes() == CATALOGUE.with_suffix(".mo").read_bytes(), (
        "django.mo is not the compiled django.po: run `make messages`"
    )


def test_every_german_message_is_translated_and_none_is_fuzzy():
    for option in ("--untranslated", "--only-fuzzy"):
        run = gettext_tool("msgattrib", option, "--no-obsolete", str(CATALOGUE))
        assert run.returncode == 0, run.stderr
        entries = [line for line in run.stdout.splitlines() if line.startswith("msgid ")]
        assert entries[1:] == [], f"{option}: {entries[1:]}"  # [0] is the header
