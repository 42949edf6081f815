"""Sign-up: the terms and privacy notice acknowledged (which version, when), the e-mail
address confirmed by a signed, expiring link sent in the member's language, and what an
unconfirmed member may not do yet."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.models import TermsAcknowledgement, User
from accounts.terms import TERMS_VERSION
from accounts.verification import VERIFY_DAYS
from core.models import Event, OutgoingMail
from photos.samples import sample_jpeg
from social.models import Comment

PASSWORD = "a long unusual passphrase"


def signup_data(**overrides):
    return {
        "username": "carol",
        "email": "carol@example.org",
        "password": PASSWORD,
        "accept_terms": "on",
        "terms_version": TERMS_VERSION,
        **overrides,
    }


def sign_up(client, capture, **overrides):
    with capture(execute=True):
        return client.post("/accounts/signup/", signup_data(**overrides))


def link_in(message) -> str:
    return re.search(r"https?://[^/\s]+(/accounts/verify/[^\s]+/)", message.body).group(1)


def test_sign_up_without_the_box_ticked_is_refused_and_creates_nothing(client, db):
    data = signup_data()
    del data["accept_terms"]
    response = client.post("/accounts/signup/", data)
    assert response.status_code == 400
    assert (
        "Please tick the box to confirm that you have read the terms" in response.content.decode()
    )
    assert not User.objects.exists() and not TermsAcknowledgement.objects.exists()
    assert not Event.objects.exists() and not OutgoingMail.objects.exists()


def test_the_sign_up_page_shows_and_links_the_terms_and_the_privacy_notice(client, db):
    page = client.get("/accounts/signup/").content.decode()
    assert 'href="/legal/terms/"' in page and 'href="/legal/privacy/"' in page
    assert 'type="checkbox" name="accept_terms"' in page and "required" in page
    assert f'value="{TERMS_VERSION}"' in page


def test_sign_up_stores_which_terms_version_was_acknowledged_and_when(
    client, db, django_capture_on_commit_callbacks
):
    before = timezone.now()
    response = sign_up(client, django_capture_on_commit_callbacks)
    assert response.status_code == 302 and response.url == "/accounts/verify/sent/"
    user = User.objects.get(username="carol")
    (ack,) = user.terms_acknowledgements.all()
    assert ack.version == TERMS_VERSION and ack.acknowledged_at >= before
    assert Event.objects.filter(kind="account.terms_acknowledged", subject_id=user.pk).exists()
    assert user.email_unverified and user.email_verified_at is None


def test_sign_up_with_an_outdated_terms_version_is_refused_and_shows_the_current_one(client, db):
    response = client.post("/accounts/signup/", signup_data(terms_version="2001-01"))
    assert response.status_code == 400
    page = response.content.decode()
    assert "changed while you were signing up" in page
    assert f'name="terms_version" value="{TERMS_VERSION}"' in page
    assert not User.objects.exists()


def test_the_verification_link_from_the_mail_confirms_the_address(
    client, db, django_capture_on_commit_callbacks
):
    sign_up(client, django_capture_on_commit_callbacks)
    (message,) = mail.outbox
    assert message.to == ["carol@example.org"]
    assert OutgoingMail.objects.filter(recipient="carol@example.org").exists()
    response = client.get(link_in(message))
    assert response.status_code == 302 and response.url == "/upload/"
    user = User.objects.get(username="carol")
    assert not user.email_unverified and user.email_verified_at is not None
    assert Event.objects.filter(kind="account.email_verified", subject_id=user.pk).count() == 1
    assert client.get(link_in(message)).status_code == 302  # a second click is harmless


def test_an_expired_link_is_refused_with_a_clear_message(
    client, db, django_capture_on_commit_callbacks
):
    sign_up(client, django_capture_on_commit_callbacks)
    link = link_in(mail.outbox[0])
    with time_machine.travel(timezone.now() + timedelta(days=VERIFY_DAYS, hours=1)):
        response = client.get(link)
    assert response.status_code == 400
    assert "This confirmation link has expired" in response.content.decode()
    assert User.objects.get(username="carol").email_unverified


@pytest.mark.parametrize("tamper", ["forged", "truncated", "other address"])
def test_a_forged_or_altered_link_is_refused_with_a_clear_message(
    client, db, django_capture_on_commit_callbacks, tamper
):
    sign_up(client, django_capture_on_commit_callbacks)
    user = User.objects.get(username="carol")
    link = link_in(mail.outbox[0])
    if tamper == "forged":
        signature = link.rstrip("/").rsplit("/", 1)[-1].split(":")[-1]
        assert signature and signature in link
        link = link.replace(signature, "A" * len(signature))
        message = "This confirmation link is not valid"
    elif tamper == "truncated":
        link = link[:-12] + "/"
        message = "This confirmation link is not valid"
    else:
        User.objects.filter(pk=user.pk).update(email="new@example.org")
        message = "for an address your account no longer uses"
    response = client.get(link)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert User.objects.get(username="carol").email_unverified


def _upload(client):
    image = SimpleUploadedFile("x.jpg", sample_jpeg(800, 600, seed=4), content_type="image/jpeg")
    fields = {"files": image, "title": "Mine", "licence": "cc-by", "visibility": "public"}
    return client.post("/upload/", fields)


def test_an_unconfirmed_member_may_not_upload_or_comment_but_may_report(
    client, db, django_capture_on_commit_callbacks, alice, upload
):
    photo = upload(alice)
    sign_up(client, django_capture_on_commit_callbacks)
    carol = User.objects.get(username="carol")
    response = _upload(client)
    assert "Please confirm your e-mail address first" in response.content.decode()
    assert not carol.photos.exists()
    client.post(f"/photos/{photo.pk}/comments/", {"body": "Hello"})
    assert not Comment.objects.filter(author=carol).exists()
    report = client.get(f"/report/?type=photo&id={photo.pk}")
    assert report.status_code == 200

    client.get(link_in(mail.outbox[0]))
    _upload(client)
    client.post(f"/photos/{photo.pk}/comments/", {"body": "Hello"})
    assert carol.photos.count() == 1 and Comment.objects.filter(author=carol).count() == 1


def test_the_mail_goes_out_in_the_language_of_the_sign_up_page(
    client, db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/signup/", signup_data(), HTTP_ACCEPT_LANGUAGE="de")
    (message,) = mail.outbox
    assert "Bestätigen Sie Ihre E-Mail-Adresse" in message.subject
    assert "Guten Tag carol" in message.body and "/accounts/verify/" in message.body


def test_a_new_link_can_be_asked_for_and_is_rate_limited(
    client, db, django_capture_on_commit_callbacks, settings
):
    sign_up(client, django_capture_on_commit_callbacks)
    settings.RATELIMIT_ENABLE = True
    settings.CANDID_VERIFY_RESEND_RATE = "2/h"
    # A fresh link each second (the same second's link is one message). Seconds, not
    # minutes: django-ratelimit's windows end at an offset of the key's own, and a jump of
    # minutes could land in the next window (it did, once in CI).
    start = timezone.now()
    for seconds in (2, 4):
        later = start + timedelta(seconds=seconds)
        with time_machine.travel(later), django_capture_on_commit_callbacks(execute=True):
            assert client.post("/accounts/verify/resend/").status_code == 302
    assert len(mail.outbox) == 3
    with time_machine.travel(start + timedelta(seconds=5)):
        refused = client.post("/accounts/verify/resend/")
    assert refused.status_code == 429
    assert "You asked for several links in a short time" in refused.content.decode()
    assert len(mail.outbox) == 3
    client.get(link_in(mail.outbox[-1]))
    client.post("/accounts/logout/")
    assert not User.objects.get(username="carol").email_unverified
