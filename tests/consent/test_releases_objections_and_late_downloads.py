# ruff: noqa: F811  (fixtures imported from releases_support)
"""A photo a depicted person objected to waits outside new releases until staff reject
the objection; a licensee downloading a release after a photo in it was withdrawn,
deleted or vetoed receives neither the photo nor its owner's data, and gets a deletion
notice."""

import json

import pytest
from django.test import TestCase

from consent.models import DeletionNotice, DeletionNoticeItem
from consent.selectors.licensees import withdrawals_of
from consent.services.consent import consent_withdraw, photo_consent_set
from consent.services.depicted import depicted_request_decide, depicted_request_submit
from consent.services.releases import release_build
from photos.services import photo_delete
from tests.api.conftest import ApiClient
from tests.consent.releases_support import (  # noqa: F401
    PURPOSE,
    admin,
    consenting,
    dataset,
    download,
    licensee_with,
    published,
)


def built_ids(admin, dataset) -> set[int]:
    release = release_build(actor=admin, dataset=dataset)
    return set(release.items.values_list("photo_ref", flat=True))


def submit(photo):
    return depicted_request_submit(
        photo=photo, name="Dana", email="dana@example.org", relation="self", statement="Me."
    )


def test_an_open_objection_keeps_a_photo_out_of_a_new_release(admin, dataset, consenting):
    objected, other = consenting(), consenting()
    submit(objected)
    assert built_ids(admin, dataset) == {other.pk}


def test_a_rejected_objection_lets_the_photo_in_again(admin, dataset, consenting, mod):
    photo = consenting()
    request = submit(photo)
    assert built_ids(admin, dataset) == set()
    depicted_request_decide(actor=mod, request=request, approve=False, reasons="Not shown.")
    assert built_ids(admin, dataset) == {photo.pk}


def test_one_open_objection_among_decided_ones_still_keeps_it_out(admin, dataset, consenting, mod):
    photo = consenting()
    depicted_request_decide(actor=mod, request=submit(photo), approve=False, reasons="No.")
    submit(photo)
    assert built_ids(admin, dataset) == set()


@pytest.fixture
def late(admin, dataset, consenting):
    """A published release of two of Alice's photos that its licensee has not downloaded
    yet; a second licensee downloaded it at once."""
    withdrawn = consenting(title="My kid at the beach")
    kept = consenting(title="Harbour")
    release = published(admin, dataset)
    early, _ = licensee_with(admin, dataset, "Early Lab")
    download(early, release)
    lab, secret = licensee_with(admin, dataset, "Late Lab")
    client = ApiClient(secret)
    return dict(
        withdrawn=withdrawn, kept=kept, release=release, lab=lab, early=early, client=client
    )


def manifest(late, format="jsonl"):
    url = f"/licensee/releases/{late['release'].pk}/manifest"
    with TestCase.captureOnCommitCallbacks(execute=True):  # the notices go after commit
        response = late["client"].get(url, format=format)
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode()


def rows_of(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines()]


def notified(licensee) -> set[int]:
    rows = DeletionNoticeItem.objects.filter(licensee=licensee)
    return set(rows.values_list("photo_ref", flat=True))


def test_a_first_download_after_a_withdrawal_leaves_the_photo_out(alice, late):
    consent_withdraw(actor=alice, photos=None)  # the whole account, before the download
    photo_consent_set(actor=alice, photo=late["kept"], purpose=PURPOSE, allowed=True)
    text = manifest(late)
    assert [r["photo_id"] for r in rows_of(text)] == [late["kept"].pk]
    assert "My kid at the beach" not in text
    assert all(r["consent"]["allowed"] for r in rows_of(text))


def test_the_late_licensee_gets_a_deletion_notice_and_the_owner_sees_it(alice, late):
    consent_withdraw(actor=alice, photos=[late["withdrawn"]], purposes=[PURPOSE])
    manifest(late)
    assert notified(late["lab"]) == {late["withdrawn"].pk}
    assert notified(late["early"]) == {late["withdrawn"].pk}
    notice = DeletionNotice.objects.get(licensee=late["lab"])
    assert notice.release == late["release"] and notice.state == "sent"
    (entry,) = [e for e in withdrawals_of(alice) if e["photo_id"] == late["withdrawn"].pk]
    received = {lic["organisation"]: lic["notice"] for lic in entry["releases"][0]["licensees"]}
    assert received["Late Lab"]["state"] == "sent"


def test_downloading_again_sends_no_second_notice(alice, late):
    consent_withdraw(actor=alice, photos=[late["withdrawn"]], purposes=[PURPOSE])
    manifest(late)
    manifest(late, format="json")
    assert DeletionNotice.objects.filter(licensee=late["lab"]).count() == 1
    assert DeletionNoticeItem.objects.filter(licensee=late["lab"]).count() == 1


def test_the_json_manifest_counts_only_the_rows_it_sends(alice, late):
    consent_withdraw(actor=alice, photos=[late["withdrawn"]], purposes=[PURPOSE])
    body = json.loads(manifest(late, format="json"))
    assert [r["photo_id"] for r in body["rows"]] == [late["kept"].pk]
    assert body["release"]["rows"] == 1
    assert "My kid at the beach" not in json.dumps(body)


def test_a_deleted_photo_is_left_out_and_noticed(alice, late):
    gone = late["withdrawn"].pk
    photo_delete(actor=alice, photo=late["withdrawn"])
    assert [r["photo_id"] for r in rows_of(manifest(late))] == [late["kept"].pk]
    assert notified(late["lab"]) == {gone}


def test_a_photo_vetoed_by_a_depicted_person_is_left_out_and_noticed(late, mod):
    request = submit(late["withdrawn"])
    depicted_request_decide(actor=mod, request=request, approve=True, reasons="Shown.")
    assert [r["photo_id"] for r in rows_of(manifest(late))] == [late["kept"].pk]
    assert notified(late["lab"]) == {late["withdrawn"].pk}


def test_nothing_withdrawn_means_the_whole_manifest_and_no_notice(late):
    ids = [r["photo_id"] for r in rows_of(manifest(late))]
    assert ids == sorted([late["withdrawn"].pk, late["kept"].pk])
    assert not DeletionNotice.objects.exists()
