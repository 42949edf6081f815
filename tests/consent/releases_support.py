"""Helpers shared by the dataset-release, licensee, propagation and trainers tests."""

import pytest

from consent.selectors.licensees import release_for_licensee
from consent.services.consent import consent_set
from consent.services.licensees import licensee_add, release_deliver
from consent.services.releases import dataset_create, release_build, release_publish

PURPOSE = "research_datasets"


@pytest.fixture
def admin(make_user):
    return make_user("ada", role="admin")


@pytest.fixture
def moderator(make_user):
    return make_user("moana", role="moderator")


@pytest.fixture
def dataset(admin):
    return dataset_create(
        actor=admin, name="Streets", purpose=PURPOSE, commercial=False, needs_derivatives=False
    )


@pytest.fixture
def consenting(alice, upload):
    """Alice allows research datasets; returns a maker of her public photos."""
    consent_set(user=alice, purpose=PURPOSE, allowed=True)

    def make(**fields):
        fields.setdefault("licence", "cc-by")
        return upload(alice, **fields)

    return make


def published(admin, dataset):
    release = release_build(actor=admin, dataset=dataset)
    return release_publish(actor=admin, release=release)


def licensee_with(admin, dataset, name="Vision Lab"):
    return licensee_add(
        actor=admin,
        organisation=name,
        contact_email=f"{name.split()[0].lower()}@example.org",
        terms="Research only; delete on notice.",
        datasets=[dataset],
    )


def download(licensee, release):
    return release_deliver(
        licensee=licensee, release=release_for_licensee(licensee, release.pk), format="jsonl"
    )
