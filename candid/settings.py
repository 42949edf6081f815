"""Candid settings.

Every value an operator may change comes from an environment variable, read here and
nowhere else. With no variables set, Candid runs on the embedded default: SQLite and
media files under CANDID_DATA_DIR, tasks in-process, email printed to the console.
README.md ("Deploying") lists the variables.
"""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DATA_DIR = Path(os.environ.get("CANDID_DATA_DIR", BASE_DIR / "data")).resolve()

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "candid-embedded-default-not-for-production")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tasks",
    "django_tasks_db",
    "core",
    "accounts",
    "photos",
    "social",
    "web",
    "moderation",
    "transparency",
    "demo",
    "rights",
    "consent",
    "oauth2_provider",
    "thirdparty",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "web.url_text.RefuseControlCharacters",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "transparency.activity.ActiveRecipientsMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "thirdparty.middleware.AppAccessLog",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "web.middleware.AnonymousPageCache",
]

ROOT_URLCONF = "candid.urls"
WSGI_APPLICATION = "candid.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "web.context_processors.frame_links",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'candid.sqlite3'}", conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "explore"

# Tasks (the django-tasks backport of Django's task framework). The embedded default runs
# them in-process, at once; production sets CANDID_TASKS=database and runs
# `manage.py db_worker` beside the web processes.
if os.environ.get("CANDID_TASKS", "immediate") == "database":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Rate limits (django-ratelimit) count in the cache. The embedded default keeps them
# in process memory; several web processes must share a cache: CANDID_CACHE=database.
if os.environ.get("CANDID_CACHE", "local") == "database":
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "candid_cache",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
RATELIMIT_VIEW = "web.views.errors.rate_limited"
CANDID_ANON_PAGE_SECONDS = int(os.environ.get("CANDID_ANON_PAGE_SECONDS", "10"))
LOGIN_RATE = os.environ.get("CANDID_LOGIN_RATE", "10/m")
SIGNUP_RATE = os.environ.get("CANDID_SIGNUP_RATE", "5/h")
# Per account name, from any number of addresses: slows guessing one account's password.
CANDID_LOGIN_ACCOUNT_RATE = os.environ.get("CANDID_LOGIN_ACCOUNT_RATE", "20/h")
# Password-reset mails, per client address and per e-mail address typed in.
CANDID_PASSWORD_RESET_RATE = os.environ.get("CANDID_PASSWORD_RESET_RATE", "10/h")
CANDID_PASSWORD_RESET_EMAIL_RATE = os.environ.get("CANDID_PASSWORD_RESET_EMAIL_RATE", "3/h")
# A header a trusted reverse proxy sets to the client's address, as a META key (e.g.
# HTTP_X_FORWARDED_FOR, whose right-most entry counts, or HTTP_X_REAL_IP); empty means
# REMOTE_ADDR. Set it only when every request passes through that proxy.
CANDID_CLIENT_IP_HEADER = os.environ.get("CANDID_CLIENT_IP_HEADER", "")
RATELIMIT_ENABLE = env_bool("CANDID_RATELIMIT", True)

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = DATA_DIR / "static"
MEDIA_ROOT = DATA_DIR / "media"

# Media storage: local disk by default; any S3-compatible service when
# CANDID_S3_BUCKET is set (django-storages reads the AWS_* names below).
if os.environ.get("CANDID_S3_BUCKET"):
    _media = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["CANDID_S3_BUCKET"],
            "endpoint_url": os.environ.get("CANDID_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("CANDID_S3_REGION") or None,
            "access_key": os.environ.get("CANDID_S3_ACCESS_KEY_ID"),
            "secret_key": os.environ.get("CANDID_S3_SECRET_ACCESS_KEY"),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
else:
    _media = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": _media,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Candid <noreply@localhost>")

# Uploads. Files over the limit are refused before any decoding; images over
# CANDID_MAX_PIXELS are treated as decompression bombs.
CANDID_MAX_UPLOAD_BYTES = int(os.environ.get("CANDID_MAX_UPLOAD_BYTES", str(40 * 1024 * 1024)))
CANDID_MAX_PIXELS = int(os.environ.get("CANDID_MAX_PIXELS", str(100_000_000)))
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_TEMP_DIR = None

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
if env_bool("CANDID_HTTPS", False):
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Moderation. Viewer country for withholding decisions: a request header set by the load
# balancer or CDN (e.g. CF-IPCountry), else a GeoIP2 country database if one is configured.
CANDID_NOTICE_RATE = os.environ.get("CANDID_NOTICE_RATE", "20/h")
CANDID_COUNTRY_HEADER = os.environ.get("CANDID_COUNTRY_HEADER", "HTTP_X_COUNTRY_CODE")
GEOIP_PATH = os.environ.get("GEOIP_PATH") or None
CANDID_ODS_BODIES_URL = os.environ.get(
    "CANDID_ODS_BODIES_URL",
    "https://digital-strategy.ec.europa.eu/en/policies/dsa-out-court-dispute-settlement",
)

# DSA Transparency Database (Art. 24(5)): the statement-of-reasons schema the export is
# validated against, and optional submission, off unless CANDID_DSA_DB_TOKEN is set.
_SOR_SCHEMA = BASE_DIR.parent / "shared" / "reference" / "dsa-sor-schema.json"
CANDID_SOR_SCHEMA_PATH = Path(
    os.environ.get("CANDID_SOR_SCHEMA_PATH")
    or (_SOR_SCHEMA if _SOR_SCHEMA.exists() else BASE_DIR / "transparency/sor/dsa-sor-schema.json")
)
CANDID_DSA_DB_URL = os.environ.get("CANDID_DSA_DB_URL", "https://transparency.dsa.ec.europa.eu")
CANDID_DSA_DB_TOKEN = os.environ.get("CANDID_DSA_DB_TOKEN", "")

# Third-party apps (OAuth 2, django-oauth-toolkit). Scopes are explained in
# thirdparty/scopes.py; PKCE is required of every client; only the authorization-code
# grant is offered (apps are registered on /settings/apps/new/).
OAUTH2_PROVIDER = {
    "SCOPES": {
        "read:public": "Read public photos, albums, profiles and comments",
        "read:own": "Read your own photos and albums, including private and followers-only "
        "ones, and your profile with your e-mail address",
        "write": "Upload, edit and delete your photos and albums, follow, favourite, comment",
    },
    "DEFAULT_SCOPES": ["read:public"],
    "PKCE_REQUIRED": True,
    "ACCESS_TOKEN_EXPIRE_SECONDS": 3600,
    "REFRESH_TOKEN_EXPIRE_SECONDS": 90 * 24 * 3600,
    "AUTHORIZATION_CODE_EXPIRE_SECONDS": 60,
}
# Named so that migrations of apps referring to OAuth applications can be generated.
OAUTH2_PROVIDER_APPLICATION_MODEL = "oauth2_provider.Application"
# How long the per-user log of what each app read or changed is kept (prune_access_log).
CANDID_ACCESS_LOG_DAYS = int(os.environ.get("CANDID_ACCESS_LOG_DAYS", "90"))

# Data rights: days between an account-deletion request and the deletion, in which the
# member can cancel (never past the GDPR's one-month deadline).
CANDID_ERASURE_GRACE_DAYS = int(os.environ.get("CANDID_ERASURE_GRACE_DAYS", "14"))

# Consent in served files: a C2PA manifest with the CAWG training-and-data-mining assertion
# is signed into renditions when a signing certificate and key (PEM files) are configured.
CANDID_C2PA_CERT_FILE = os.environ.get("CANDID_C2PA_CERT_FILE", "")
CANDID_C2PA_KEY_FILE = os.environ.get("CANDID_C2PA_KEY_FILE", "")

# Dataset licensees: days between deletion-notice reminders, reminders before staff are
# alerted; rate limit of the public consent API for model trainers.
CANDID_DELETION_REMINDER_DAYS = int(os.environ.get("CANDID_DELETION_REMINDER_DAYS", "7"))
CANDID_DELETION_REMINDERS = int(os.environ.get("CANDID_DELETION_REMINDERS", "2"))
CANDID_TRAINER_RATE = os.environ.get("CANDID_TRAINER_RATE", "60/m")
# "Am I in a dataset?" by uploaded image: hashing eight variants of an image costs CPU.
CANDID_LOOKUP_RATE = os.environ.get("CANDID_LOOKUP_RATE", "60/h")
# "I am in this photo" requests (web and API, one budget): each mails the requester, the
# owner and every staff member.
CANDID_DEPICTED_RATE = os.environ.get("CANDID_DEPICTED_RATE", "5/h")
