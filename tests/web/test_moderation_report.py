"""The report form (DSA Art. 16; NetzDG): open to everyone, one form for every ground,
a confirmation with reference and deadline, and bad input refused with nothing stored."""

from datetime import timedelta

import pytest
from django.core import mail

from moderation.models import Notice
from photos.models import Visibility
from social.services import comment_post


def report_data(**fields) -> dict:
    data = {
        "ground": "rules",
        "rule": "harassment",
        "explanation": "The caption mocks my neighbour by name.",
        "name": "Eve Example",
        "email": "eve@example.org",
    }
    return {k: v for k, v in {**data, **fields}.items() if v is not None}


def photo_target(photo) -> dict:
    return {"target_type": "photo", "target_id": photo.pk}


def test_report_links_on_photo_comment_album_and_profile(client, alice, bob, photo):
    from photos.services import album_create

    comment = comment_post(author=bob, photo_id=photo.pk, body="Nice boats")
    album = album_create(owner=alice, title="Harbours")
    page = client.get(f"/photos/{photo.pk}/").content.decode()
    assert f"/report/?type=photo&amp;id={photo.pk}" in page
    assert f"/report/?type=comment&amp;id={comment.pk}" in page
    assert f"/report/?type=album&amp;id={album.pk}" in client.get(f"/albums/{album.pk}/").text
    assert f"/report/?type=profile&amp;id={alice.pk}" in client.get("/u/alice/").text


def test_signed_out_report_stores_the_notice_confirms_and_emails(
    client, photo, django_capture_on_commit_callbacks
):
    form = client.get(f"/report/?type=photo&id={photo.pk}")
    assert form.status_code == 200 and "Harbour at night" in form.text
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/report/", {**photo_target(photo), **report_data()}, follow=True)
    notice = Notice.objects.get()
    assert (notice.target_type, notice.target_id) == ("photo", photo.pk)
    assert notice.notifier is None and notice.notifier_name == "Eve Example"
    assert notice.channel == "web" and notice.rule.code == "harassment"
    assert notice.appeal_token  # an anonymous notifier appeals with it later
    assert response.redirect_chain[-1][0] == "/report/sent/"
    assert notice.reference in response.text and "eve@example.org" in response.text
    assert notice.deadline_at.strftime("%Y") in response.text
    assert [m.to for m in mail.outbox] == [["eve@example.org"]]
    assert notice.reference in mail.outbox[0].subject


def test_signed_in_report_is_prefilled_and_linked_to_the_account(
    client, bob, photo, django_capture_on_commit_callbacks
):
    client.force_login(bob)
    form = client.get(f"/report/?type=photo&id={photo.pk}").text
    assert 'value="bob@example.org"' in form and 'value="bob"' in form
    data = report_data(
        ground="illegal",
        rule="",
        name="",
        email="",
        country="de",
        law="§201a StGB",
        category="STATEMENT_CATEGORY_DATA_PROTECTION_AND_PRIVACY_VIOLATIONS",
        netzdg_manifest="on",
        good_faith="on",
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/report/", {**photo_target(photo), **data})
    assert response.status_code == 302
    notice = Notice.objects.get()
    assert notice.notifier == bob and notice.notifier_email == "bob@example.org"
    assert (notice.ground, notice.country, notice.law) == ("illegal", "DE", "§201a StGB")
    assert notice.netzdg_manifest and notice.good_faith
    assert notice.deadline_at - notice.received_at == timedelta(hours=24)
    assert mail.outbox[0].to == ["bob@example.org"]


def test_report_by_pasted_link(client, photo):
    response = client.post(
        "/report/", report_data(url=f"http://testserver/photos/{photo.pk}/#comment-x")
    )
    assert response.status_code == 400  # a fragment that is not a comment number
    client.post("/report/", report_data(url=f"/photos/{photo.pk}/"))
    assert Notice.objects.get().target_id == photo.pk


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"explanation": ""}, "Please explain why you are reporting this."),
        ({"rule": "no-such-rule"}, "Unknown rule: choose one of the community rules."),
        ({"name": "", "email": ""}, "This field is required."),
        ({"email": "not-an-address"}, "Enter a valid email address."),
        ({"ground": "illegal", "country": "DE", "law": "§185 StGB"}, "good faith"),
        ({"ground": "illegal", "country": "Germany", "good_faith": "on"}, "Name the country"),
        ({"ground": ""}, "Choose whether it is illegal or breaks the rules."),
    ],
)
def test_bad_report_is_refused_with_a_message_and_stores_nothing(client, photo, fields, message):
    response = client.post("/report/", {**photo_target(photo), **report_data(**fields)})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Notice.objects.exists() and not mail.outbox


def test_link_that_is_not_candid_content_is_refused(client, db):
    for url, message in [
        ("https://example.com/photos/1/", "That link does not point to Candid."),
        ("/explore/", "That link is not a photo, comment, album or profile on Candid."),
        ("/photos/999999/", "That item does not exist on Candid."),
    ]:
        response = client.post("/report/", report_data(url=url))
        assert response.status_code == 400 and message in response.content.decode()
    assert not Notice.objects.exists()


def test_private_photo_of_someone_else_cannot_be_reported_or_seen(client, alice, upload):
    private = upload(alice, title="Secret garden", visibility=Visibility.PRIVATE)
    assert client.get(f"/report/?type=photo&id={private.pk}").status_code == 404
    response = client.post("/report/", {**photo_target(private), **report_data()})
    assert response.status_code == 400 and "Secret garden" not in response.text
    assert not Notice.objects.exists()


def test_flood_from_one_address_gets_429_and_stores_nothing(client, photo, settings):
    settings.RATELIMIT_ENABLE = True
    settings.CANDID_NOTICE_RATE = "2/m"
    statuses = [
        client.post("/report/", {**photo_target(photo), **report_data(email=email)}).status_code
        for email in ("eve@example.org", "max@example.org", "ann@example.org")
    ]
    assert statuses == [302, 302, 429]
    assert Notice.objects.count() == 2
    assert client.get(f"/report/?type=photo&id={photo.pk}").status_code == 200  # GETs are free


def test_second_report_of_the_same_item_joins_its_case(client, photo):
    client.post("/report/", {**photo_target(photo), **report_data()})
    client.post("/report/", {**photo_target(photo), **report_data(email="max@example.org")})
    first, second = Notice.objects.all()
    assert first.case_id == second.case_id


def test_web_form_and_api_share_one_notice_budget_per_address(client, photo, settings):
    settings.RATELIMIT_ENABLE = True
    settings.CANDID_NOTICE_RATE = "2/m"
    for email in ("eve@example.org", "max@example.org"):
        data = {**photo_target(photo), **report_data(email=email)}
        assert client.post("/report/", data).status_code == 302
    body = {
        "target_type": "photo",
        "target_id": photo.pk,
        "ground": "rules",
        "rule": "harassment",
        "explanation": "It mocks a person.",
        "notifier_name": "Ann",
        "notifier_email": "ann@example.org",
    }
    response = client.post("/api/v1/notices", body, content_type="application/json")
    assert response.status_code == 429
    assert Notice.objects.count() == 2


def test_a_form_sent_twice_gives_one_notice_and_the_same_reference(client, photo):
    pages = []
    for _ in range(2):
        assert client.post("/report/", {**photo_target(photo), **report_data()}).status_code == 302
        pages.append(client.get("/report/sent/").content.decode())
    notice = Notice.objects.get()
    assert all(notice.reference in page for page in pages)
