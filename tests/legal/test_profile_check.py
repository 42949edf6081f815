"""The operator profile is checked at start-up (a system check): contradictions are errors,
missing values the law asks for are warnings; with DEBUG off staff see them on every page."""

import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from legal.checks import operator_profile_check
from legal.profile_file import read_operator_file
from tests.legal.conftest import AUSTRIA, OUTSIDE_EU, SMALL_GERMANY
from tests.moderation_fixtures import staff_login

ROOT = Path(__file__).resolve().parents[2]


def ids(messages) -> list[str]:
    return sorted(m.id for m in messages)


@pytest.mark.parametrize("profile", [SMALL_GERMANY, AUSTRIA, OUTSIDE_EU])
def test_a_complete_profile_passes(operator, profile):
    operator(profile)
    assert operator_profile_check() == []


def test_an_empty_profile_warns_of_each_missing_value(operator):
    operator({})
    found = operator_profile_check()
    assert all(m.level == 30 for m in found)  # warnings only
    assert ids(found) == [
        "legal.W001",
        "legal.W002",
        "legal.W003",
        "legal.W004",
        "legal.W006",
        "legal.W006",
    ]


def test_contradictions_are_errors(operator):
    operator(
        {
            **SMALL_GERMANY,
            "size": "tiny",
            "legal_representative": {"name": "Rep", "country": "IE"},
            "agent": {"is_operator": True, "name": "Someone else"},
            "contact": {
                "authorities": {"email": "not-an-address", "languages": ["Deutsch"]},
                "users": {"url": "javascript:alert(1)", "languages": ["de"]},
            },
            "impressum": {"nmae": "typo"},
        }
    )
    found = operator_profile_check()
    errors = [m.id for m in found if m.level == 40]
    assert sorted(set(errors)) == [
        "legal.E001",
        "legal.E002",
        "legal.E004",
        "legal.E005",
        "legal.E007",
        "legal.E008",
        "legal.E009",
    ]
    assert any("impressum.nmae" in m.msg for m in found)


def test_only_a_german_operator_can_be_its_own_agent(operator):
    operator({**AUSTRIA, "agent": {"is_operator": True}})
    assert "legal.E006" in ids(operator_profile_check())


def test_missing_agent_and_representative_outside_the_eu(operator):
    operator({k: v for k, v in OUTSIDE_EU.items() if k not in ("agent", "legal_representative")})
    assert ids(operator_profile_check()) == ["legal.W007", "legal.W008"]


def test_the_agent_is_in_germany_with_a_postal_address(operator):
    operator({**OUTSIDE_EU, "agent": {"name": "Agent", "country": "FR"}})
    assert ids(operator_profile_check()) == ["legal.E010", "legal.W012"]


def test_no_agent_is_asked_of_an_operator_in_another_member_state(operator):
    operator(AUSTRIA)
    assert "legal.W007" not in ids(operator_profile_check())


def test_authorities_contact_must_speak_an_official_language(operator):
    contact = {
        **SMALL_GERMANY["contact"],
        "authorities": {"email": "a@b.example", "languages": ["en"]},
    }
    operator({**SMALL_GERMANY, "contact": contact})
    assert ids(operator_profile_check()) == ["legal.W011"]


def test_the_demo_profile_warns_without_debug(operator, settings):
    operator({**SMALL_GERMANY, "demo": True})
    settings.DEBUG = False
    assert ids(operator_profile_check()) == ["legal.W009"]
    settings.DEBUG = True
    assert operator_profile_check() == []


def test_manage_py_check_fails_on_a_contradiction(operator):
    operator({**SMALL_GERMANY, "legal_representative": {"name": "Rep", "country": "IE"}})
    with pytest.raises(SystemCheckError, match="legal.E004"):
        call_command("check")


def test_the_operator_file_is_read_and_checked_at_start(tmp_path):
    """The TOML file named by CANDID_OPERATOR_FILE, from the environment, in a fresh process."""
    bad = tmp_path / "operator.toml"
    bad.write_text('size = "micro_or_small"\ncountry = "DE"\n[legal_representative]\nname = "X"\n')
    env = {
        "PATH": "/usr/bin:/bin",
        "DEBUG": "1",
        "CANDID_DATA_DIR": str(tmp_path),
        "CANDID_OPERATOR_FILE": str(bad),
    }
    run = subprocess.run(  # noqa: S603 - our interpreter and manage.py
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode != 0 and "legal.E004" in run.stderr
    demo = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**env, "CANDID_OPERATOR_FILE": str(ROOT / "demo" / "operator.toml")},
        timeout=120,
    )
    assert demo.returncode == 0, demo.stderr


@pytest.mark.django_db
def test_staff_see_the_problems_on_every_page_without_debug(client, operator, settings, mod):
    operator({})
    settings.DEBUG = False
    staff_login(client, mod)
    page = client.get("/explore/").content.decode()
    assert "operator profile is incomplete" in page
    assert "lacks the operator" in page


@pytest.mark.django_db
def test_members_and_visitors_never_see_the_banner(client, operator, settings, alice):
    operator({})
    settings.DEBUG = False
    assert "operator profile is incomplete" not in client.get("/explore/").content.decode()
    client.force_login(alice)
    assert "operator profile is incomplete" not in client.get("/explore/").content.decode()


@pytest.mark.django_db
def test_no_banner_for_a_complete_profile(client, operator, settings, mod):
    operator(SMALL_GERMANY)
    settings.DEBUG = False
    staff_login(client, mod)
    assert "operator profile is incomplete" not in client.get("/explore/").content.decode()


@pytest.mark.parametrize("name", ["deploy/operator.example.toml", "demo/operator.toml"])
def test_the_shipped_profiles_read_without_errors(operator, settings, name):
    operator(read_operator_file(str(ROOT / name)))
    settings.DEBUG = True
    assert [m.id for m in operator_profile_check() if m.level >= 40] == []
