# ruff: noqa: F811  (fixtures imported from releases_support)
import pytest
from django.conf import settings
from django.utils import timezone

from consent.models import Release, ReleaseItem
from consent.selectors.consent import VETO_PROVIDERS
from consent.selectors.releases import licences_fitting, manifest_rows_deliverable
from consent.services.consent import consent_set, photo_consent_set
from consent.services.releases import (
    dataset_create,
    release_build,
    release_publish,
    release_withdraw,
)
from core.errors import PermissionDenied, ServiceError
from core.models import Event
from core.states import IllegalTransition
from photos.models import Photo
from tests.consent.releases_support import (  # noqa: F401
    PURPOSE,
    admin,
    consenting,
    dataset,
    moderator,
)


def built_ids(admin, dataset) -> set[int]:
    release = release_build(actor=admin, dataset=dataset)
    return set(release.items.values_list("photo_ref", flat=True))


def make_dataset(admin, **policy):
    fields = {"name": "D", "purpose": PURPOSE, "commercial": False, "needs_derivatives": False}
    return dataset_create(actor=admin, **{**fields, **policy})


def test_a_consenting_public_openly_licensed_photo_enters_with_a_frozen_row(
    admin, dataset, consenting
):
    photo = consenting(title="Harbour")
    release = release_build(actor=admin, dataset=dataset)
    (row,) = manifest_rows_deliverable(release)
    assert row["photo_id"] == photo.pk and row["licence"] == "cc-by"
    assert row["rendition_url"].startswith(f"{settings.SITE_URL}/r/{photo.pk}/")
    assert "“Harbour” by Alice Example" in row["attribution"]
    assert (row["sha256"], row["pdq_hash"]) == (photo.sha256, photo.pdq_hash)
    assert row["consent"]["allowed"] and row["consent"]["signal"] == "account"
    assert row["consent"]["since"] is not None
    assert (release.state, release.number, release.row_count) == ("built", 1, 1)
    assert Event.objects.filter(kind="release.built", subject_id=release.pk).exists()


def test_default_consent_keeps_a_photo_out(admin, dataset, bob, upload):
    upload(bob, licence="cc-by")
    assert built_ids(admin, dataset) == set()


def test_consent_for_another_purpose_keeps_a_photo_out(admin, dataset, bob, upload):
    upload(bob, licence="cc-by")
    consent_set(user=bob, purpose="ai_training", allowed=True)
    assert built_ids(admin, dataset) == set()


def test_a_photo_level_refusal_beats_the_account_consent(admin, dataset, alice, consenting):
    kept, refused = consenting(), consenting()
    photo_consent_set(actor=alice, photo=refused, purpose=PURPOSE, allowed=False)
    assert built_ids(admin, dataset) == {kept.pk}


def test_a_photo_level_consent_admits_a_photo_without_account_consent(admin, dataset, bob, upload):
    photo = upload(bob, licence="cc0")
    photo_consent_set(actor=bob, photo=photo, purpose=PURPOSE, allowed=True)
    assert built_ids(admin, dataset) == {photo.pk}


def test_all_rights_reserved_is_always_excluded(admin, dataset, consenting):
    consenting(licence="arr")
    assert built_ids(admin, dataset) == set()


def test_a_commercial_dataset_excludes_noncommercial_licences(admin, consenting):
    commercial = make_dataset(admin, commercial=True)
    by, nc, ncsa = (
        consenting(licence="cc-by"),
        consenting(licence="cc-by-nc"),
        consenting(licence="cc-by-nc-sa"),
    )
    assert built_ids(admin, commercial) == {by.pk}
    assert nc.pk and ncsa.pk


def test_a_noncommercial_dataset_admits_noncommercial_licences(admin, dataset, consenting):
    nc = consenting(licence="cc-by-nc-nd")
    assert built_ids(admin, dataset) == {nc.pk}


def test_a_dataset_needing_derivatives_excludes_noderivatives_licences(admin, consenting):
    derived = make_dataset(admin, needs_derivatives=True)
    sa = consenting(licence="cc-by-sa")
    consenting(licence="cc-by-nd")
    consenting(licence="cc-by-nc-nd")
    assert built_ids(admin, derived) == {sa.pk}


def test_licence_policy_lists_what_fits(admin):
    strict = make_dataset(admin, commercial=True, needs_derivatives=True)
    assert set(licences_fitting(strict)) == {
        "cc0",
        "cc-by",
        "cc-by-sa",
        "pdm",
        "cc-by-2.0",
        "cc-by-sa-2.0",
        "nkcr",
        "usgov",
    }


@pytest.mark.parametrize("visibility", ["private", "followers"])
def test_a_photo_that_is_not_public_is_excluded(admin, dataset, consenting, visibility):
    consenting(visibility=visibility)
    assert built_ids(admin, dataset) == set()


def test_a_removed_photo_is_excluded(admin, dataset, consenting):
    photo = consenting()
    Photo.objects.filter(pk=photo.pk).update(removed_at=timezone.now())  # a decision did it
    assert built_ids(admin, dataset) == set()


def test_a_depicted_persons_objection_excludes_the_photo(admin, dataset, consenting):
    objected, kept = consenting(), consenting()
    since = timezone.now()
    veto = lambda ids: {objected.pk: ("depicted_person", since)}  # noqa: E731
    VETO_PROVIDERS.append(veto)
    try:
        assert built_ids(admin, dataset) == {kept.pk}
    finally:
        VETO_PROVIDERS.remove(veto)


def test_releases_are_numbered_and_frozen(admin, dataset, alice, consenting):
    first_photo = consenting()
    first = release_build(actor=admin, dataset=dataset)
    consenting()
    second = release_build(actor=admin, dataset=dataset)
    assert (first.number, second.number) == (1, 2)
    assert first.items.count() == 1 and second.items.count() == 2
    photo_consent_set(actor=alice, photo=first_photo, purpose=PURPOSE, allowed=False)
    assert ReleaseItem.objects.get(release=first).consent_allowed  # frozen at build time


def test_release_lifecycle_follows_its_state_graph(admin, dataset, consenting):
    release = release_build(actor=admin, dataset=dataset)
    release_publish(actor=admin, release=release)
    with pytest.raises(IllegalTransition):
        release_publish(actor=admin, release=release)
    release_withdraw(actor=admin, release=release)
    with pytest.raises(IllegalTransition):
        release_publish(actor=admin, release=release)
    assert Release.objects.get(pk=release.pk).state == "withdrawn"


def test_only_staff_build_and_only_admins_publish(admin, moderator, bob, dataset):
    with pytest.raises(PermissionDenied):
        release_build(actor=bob, dataset=dataset)
    release = release_build(actor=moderator, dataset=dataset)
    with pytest.raises(PermissionDenied):
        release_publish(actor=moderator, release=release)
    assert Release.objects.get(pk=release.pk).state == "built"
    with pytest.raises(PermissionDenied):
        make_dataset(bob)


def test_bad_dataset_input_is_refused_and_nothing_stored(admin, dataset):
    with pytest.raises(ServiceError, match="Unknown purpose"):
        make_dataset(admin, name="X", purpose="surveillance")
    with pytest.raises(ServiceError, match="exists already"):
        make_dataset(admin, name="streets")
    with pytest.raises(ServiceError, match="needs a name"):
        make_dataset(admin, name="  ")
    assert list(type(dataset).objects.values_list("name", flat=True)) == ["Streets"]


def test_the_build_costs_a_few_queries_whatever_the_number_of_photos(
    admin, dataset, consenting, django_assert_max_num_queries
):
    for _ in range(6):
        consenting()
    with django_assert_max_num_queries(20):
        release = release_build(actor=admin, dataset=dataset)
    assert release.row_count == 6
