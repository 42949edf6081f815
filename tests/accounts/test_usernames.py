"""Usernames that look like a taken one (UTS #39 skeletons) or mix scripts are refused at
sign-up; the skeleton is stored, indexed, for a one-lookup check. Issue 13, defect 9."""

import importlib

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from accounts.services import user_create_passwordless, user_signup
from accounts.terms import TERMS_VERSION
from accounts.usernames import username_skeleton
from core.errors import ServiceError

PASSWORD = "a long passphrase"
CYRILLIC_A = "\u0430"


@pytest.mark.parametrize(
    "lookalike",
    [
        f"{CYRILLIC_A}lice",  # Cyrillic а for Latin a
        f"{CYRILLIC_A}LICE",
        "a1ice",  # digit one for l
        "alIce",  # capital I for l
        "ａｌｉｃｅ",  # fullwidth letters
    ],
)
def test_signup_refuses_a_username_that_looks_like_a_taken_one(alice, lookalike):
    with pytest.raises(ServiceError) as refused:
        user_signup(username=lookalike, email="eve@example.org", password=PASSWORD)
    assert refused.value.message in (
        "That username looks too much like one that is taken: choose another.",
        "That username is taken.",
    )
    assert User.objects.count() == 1


def test_signup_refuses_a_username_that_mixes_scripts(db):
    with pytest.raises(ServiceError) as refused:
        user_signup(username=f"p{CYRILLIC_A}ypal", email="eve@example.org", password=PASSWORD)
    assert "mix letters of different scripts" in refused.value.message
    assert not User.objects.exists()


def test_operator_created_accounts_are_checked_the_same(alice):
    with pytest.raises(ServiceError):
        user_create_passwordless(username=f"{CYRILLIC_A}lice")
    assert User.objects.count() == 1


@pytest.mark.parametrize("name", ["алиса", "Ελένη", "東京太郎", "bob_2", "alice.b"])
def test_names_in_one_script_that_look_like_nothing_taken_are_welcome(alice, name):
    user = user_signup(username=name, email="x@example.org", password=PASSWORD)
    assert user.username_skeleton == username_skeleton(name)


def test_the_web_signup_shows_the_refusal_on_the_username(client, alice):
    data = {
        "username": f"{CYRILLIC_A}lice",
        "email": "eve@example.org",
        "password": PASSWORD,
        "accept_terms": "on",
        "terms_version": TERMS_VERSION,
    }
    response = client.post("/accounts/signup/", data)
    assert response.status_code == 400
    assert "looks too much like" in response.context["form"].errors["username"][0]


def test_the_skeleton_is_kept_on_every_save_and_checked_in_one_indexed_query(alice):
    alice.username = "ALICE2"
    alice.save(update_fields=["username"])
    assert User.objects.get().username_skeleton == "alice2"
    assert User._meta.get_field("username_skeleton").db_index
    with CaptureQueriesContext(connection) as queries:
        with pytest.raises(ServiceError):
            user_signup(username="a1ice2", email="x@example.org", password=PASSWORD)
    lookups = [q["sql"] for q in queries if "username_skeleton" in q["sql"]]
    assert len(lookups) == 1 and "WHERE" in lookups[0]


def test_the_migration_backfills_existing_users(alice, bob):
    User.objects.update(username_skeleton="")
    migration = importlib.import_module("accounts.migrations.0005_username_skeleton")
    migration.backfill(apps, None)
    assert dict(User.objects.values_list("username", "username_skeleton")) == {
        "alice": "alice",
        "bob": "bob",
    }


def test_the_longest_possible_skeleton_fits_its_column():
    longest = "\ufdfa" * 150  # each maps to 18 characters
    assert len(username_skeleton(longest)) == User._meta.get_field("username_skeleton").max_length


def test_a_name_whose_stored_form_grows_past_the_limit_is_refused(db):
    with pytest.raises(ServiceError) as refused:
        user_signup(username="\ufdfa" * 150, email="x@example.org", password=PASSWORD)
    assert "is not a valid username" in refused.value.message
    assert not User.objects.exists()
