"""What a member who has not confirmed their e-mail address may do, service by service
(web and API share these services): publishing waits; reading, following, favourites,
reports and their own data do not."""

import io

import pytest

from accounts.signup import member_signup
from accounts.terms import TERMS_VERSION
from accounts.verification import email_verification_send, email_verify, verification_token
from core.errors import PermissionDenied, ServiceError
from moderation.services.notices import notice_submit
from moderation.services.targets import Target
from photos.samples import sample_jpeg
from photos.services import album_create, photo_upload
from social.services import comment_post, favourite_add, follow_create


@pytest.fixture
def newcomer(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return member_signup(
            username="nina",
            email="nina@example.org",
            password="a long unusual passphrase",
            terms_version=TERMS_VERSION,
            language="en",
        )


def _upload(owner):
    data = sample_jpeg(320, 240, seed=9)
    return photo_upload(owner=owner, file=io.BytesIO(data), filename="a.jpg", size=len(data))


def test_an_unconfirmed_member_cannot_publish(newcomer, alice, upload):
    photo = upload(alice)
    for publish in (
        lambda: _upload(newcomer),
        lambda: comment_post(author=newcomer, photo_id=photo.pk, body="Hi"),
        lambda: album_create(owner=newcomer, title="Mine"),
    ):
        with pytest.raises(PermissionDenied, match="confirm your e-mail address first"):
            publish()
    assert not newcomer.photos.exists() and not newcomer.albums.exists()


def test_an_unconfirmed_member_can_follow_favourite_and_report(newcomer, alice, upload):
    photo = upload(alice)
    follow_create(follower=newcomer, followee=alice)
    favourite_add(user=newcomer, photo_id=photo.pk)
    notice = notice_submit(
        target=Target("photo", photo),
        ground="rules",
        rule_code="spam",
        explanation="An advert.",
        notifier=newcomer,
    )
    assert notice.pk is not None


def test_once_confirmed_the_member_can_publish(newcomer):
    email_verify(token=verification_token(newcomer))
    newcomer.refresh_from_db()
    assert _upload(newcomer).owner == newcomer


def test_accounts_made_by_operators_and_confirmed_members_get_no_new_link(alice, newcomer):
    with pytest.raises(ServiceError, match="already confirmed"):
        email_verification_send(user=alice, language="en")
    email_verify(token=verification_token(newcomer))
    newcomer.refresh_from_db()
    with pytest.raises(ServiceError, match="already confirmed"):
        email_verification_send(user=newcomer, language="en")
