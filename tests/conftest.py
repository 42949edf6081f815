"""Shared fixtures. Every test gets its own media directory; images are real files."""

import io

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import User
from photos.samples import sample_jpeg
from photos.services import photo_upload

pytest_plugins = ["tests.moderation_fixtures", "tests.redis_support"]


def pytest_report_header(config):
    from django.db import connection

    return f"candid database: {connection.vendor}"


@pytest.fixture(autouse=True)
def media_dir(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.FILE_UPLOAD_TEMP_DIR = tmp_path / "uploads"
    settings.CANDID_PDQ_DIR = tmp_path / "pdq"
    settings.STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.RATELIMIT_ENABLE = False
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def without_recipient_counting(settings):
    """Active-recipient counting writes on a viewer's first request of the day, which would
    skew query counts; tests/transparency/test_reports_amar.py turns it on."""
    settings.MIDDLEWARE = [
        m for m in settings.MIDDLEWARE if not m.endswith("ActiveRecipientsMiddleware")
    ]


@pytest.fixture(autouse=True)
def federation_intake_cache():
    """Intake keeps blocked servers, key owners and each server's rate in the process
    (federation/intake_cache.py, intake_rate.py); a test's must not outlive it there."""
    from federation import intake_cache, intake_rate

    intake_cache.forget()
    intake_rate.forget()


@pytest.fixture(autouse=True)
def default_language():
    """A German request leaves German active in this thread; the next test starts afresh."""
    from django.utils import translation

    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def fresh_cache():
    """Rate-limit counters live in the cache; each test starts from zero. So does the
    page frame's memo (web/templatetags/frame_memo.py), kept in this process's memory."""
    from web.templatetags.frame_memo import forget_all

    cache.clear()
    forget_all()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Argon2 takes ~0.3 s a hash by design and tests create many users; the tests that
    check Argon2 itself turn it back on with `argon2_hashing`."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def argon2_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]


@pytest.fixture
def make_user(db):
    counter = iter(range(1, 10_000))

    def make(username: str | None = None, **fields) -> User:
        name = username or f"user{next(counter)}"
        return User.objects.create_user(
            username=name, email=f"{name}@example.org", password="correct horse battery", **fields
        )

    return make


@pytest.fixture
def alice(make_user):
    return make_user("alice", display_name="Alice Example")


@pytest.fixture
def bob(make_user):
    return make_user("bob")


@pytest.fixture
def jpeg():
    """A small real JPEG with camera EXIF and a GPS position (Berlin)."""
    return sample_jpeg(640, 480, seed=1, gps=(52.52, 13.405))


@pytest.fixture
def upload(db):
    """Upload through the real service: upload(owner, **fields) -> Photo."""

    def do(owner: User, data: bytes | None = None, filename: str = "photo.jpg", **fields):
        data = data if data is not None else sample_jpeg(640, 480, seed=owner.pk)
        fields.setdefault("title", "A photo")
        return photo_upload(
            owner=owner, file=io.BytesIO(data), filename=filename, size=len(data), **fields
        )

    return do


@pytest.fixture
def uploaded_file(jpeg):
    def make(data: bytes | None = None, name: str = "photo.jpg", content_type="image/jpeg"):
        return SimpleUploadedFile(name, data if data is not None else jpeg, content_type)

    return make
