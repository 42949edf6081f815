import io

import pytest
from PIL import Image

from accounts.models import User
from accounts.selectors import token_authenticate
from accounts.services import profile_update, token_create, token_revoke, user_signup
from core.errors import PermissionDenied, ServiceError
from core.imaging import ImageRejected
from core.models import Event
from photos.samples import sample_jpeg


def test_signup_hashes_password_with_argon2_and_logs(db, argon2_hashing):
    user = user_signup(username="dora", email="dora@example.org", password="a long passphrase")
    assert user.password.startswith("argon2")
    assert user.check_password("a long passphrase")
    assert Event.objects.filter(kind="account.created", subject_id=user.pk).exists()


def test_signup_refuses_taken_username_case_insensitively(alice):
    with pytest.raises(ServiceError, match="taken"):
        user_signup(username="ALICE", email="x@example.org", password="a long passphrase")
    assert User.objects.count() == 1


def test_avatar_is_cropped_square_and_stripped_of_metadata(alice, media_dir):
    data = sample_jpeg(900, 600, gps=(1.0, 2.0))
    profile_update(user=alice, display_name="Alice", bio="hi", avatar_file=io.BytesIO(data))
    alice.refresh_from_db()
    avatar = Image.open(media_dir / alice.avatar)
    assert avatar.size == (256, 256)
    assert not avatar.getexif()


def test_bad_avatar_is_refused_and_changes_nothing(alice, media_dir):
    with pytest.raises(ImageRejected):
        profile_update(user=alice, display_name="New", bio="", avatar_file=io.BytesIO(b"nope"))
    alice.refresh_from_db()
    assert alice.display_name == "Alice Example" and alice.avatar == ""


def test_token_secret_is_shown_once_and_only_its_hash_stored(alice):
    token, secret = token_create(user=alice, name="cli", scopes=["read"])
    assert secret.startswith("cnd_") and secret not in token.token_hash
    assert token_authenticate(secret) == token
    token_revoke(user=alice, token=token)
    assert token_authenticate(secret) is None


def test_token_with_unknown_scope_is_refused(alice):
    with pytest.raises(ServiceError, match="admin"):
        token_create(user=alice, name="x", scopes=["read", "admin"])
    assert not alice.api_tokens.exists()


def test_only_owner_revokes_a_token(alice, bob):
    token, secret = token_create(user=alice, name="cli", scopes=["read", "write"])
    with pytest.raises(PermissionDenied):
        token_revoke(user=bob, token=token)
    assert token_authenticate(secret) == token
