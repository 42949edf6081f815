"""Candid settings.

Every value an operator may change comes from an environment variable, read here and
nowhere else. With no variables set, Candid runs on the embedded default: SQLite and
media files under CANDID_DATA_DIR, tasks in-process, email printed to the console.
README.md ("Deploying") lists the variables.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from candid.secret_key import own_secret_key
from core.client_ip import proxy_networks
from legal.profile_file import read_operator_file

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DATA_DIR = Path(os.environ.get("CANDID_DATA_DIR", BASE_DIR / "data")).resolve()

DEBUG = env_bool("DEBUG", False)
# Refuses to start without a secret of its own unless DEBUG is on (candid/secret_key.py).
SECRET_KEY = own_secret_key(
    os.environ.get("SECRET_KEY", ""),
    key_file=Path(os.environ.get("CANDID_SECRET_KEY_FILE") or DATA_DIR / "secret_key"),
    debug=DEBUG,
)
# The operator profile (legal/profile.py): the legal notice, the DSA points of contact, the
# NetzDG agent, the compliance page. A TOML file named by CANDID_OPERATOR_FILE
# (deploy/operator.example.toml); with DEBUG=1 and none named, the demo's (demo/operator.toml).
CANDID_OPERATOR_FILE = os.environ.get("CANDID_OPERATOR_FILE", "").strip() or (
    str(BASE_DIR / "demo" / "operator.toml") if DEBUG else ""
)
CANDID_OPERATOR = read_operator_file(CANDID_OPERATOR_FILE)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
# The public base URL (links in mail, the report form's own-link check). Unset, it follows
# PORT, so `PORT=8080 make run` links to the port it serves on.
SITE_URL = (
    os.environ.get("SITE_URL") or f"http://127.0.0.1:{os.environ.get('PORT') or '8000'}"
).rstrip("/")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tasks",
    "django_tasks_db",
    "django_ratelimit",
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
    "legal",
    "federation",
    "notifications",
]

# Staff second factor (django-otp): TOTP devices, and static devices for single-use recovery
# codes. OTPMiddleware marks request.user.is_verified(); moderator and admin powers need it
# (accounts/second_factor.py). SessionActivity keeps the "your sessions" list.
INSTALLED_APPS += ["django_otp", "django_otp.plugins.otp_totp", "django_otp.plugins.otp_static"]
OTP_TOTP_ISSUER = "Candid"

MIDDLEWARE = [
    "core.request_id.RequestIdMiddleware",
    "web.metrics.RequestLatency",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "web.middleware_renditions.RenditionRevalidation",
    "federation.middleware.ActivityPubNegotiation",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "web.middleware_language.CandidLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "web.url_text.RefuseControlCharacters",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "web.middleware_language.MemberPreferences",
    "web.middleware_sessions.SessionActivity",
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
                "legal.context_processors.legal_frame",
                "notifications.context_processors.unread",
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
else:
    # No JIT compilation on PostgreSQL: it pays off for long analytical queries, but a
    # request's query whose estimated cost crosses jit_above_cost (a search walk at
    # 300,000 photos did) spent 1.2 s compiling for 27 ms of work (bench/README.md).
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options["options"] = f"{_options.get('options', '')} -c jit=off".strip()
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
# `manage.py worker` beside the web processes (db_worker with retries, a heartbeat and the
# upkeep scheduler, that first reclaims stale jobs).
if os.environ.get("CANDID_TASKS", "immediate") == "database":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# The worker (`manage.py worker`, core/tasks.py and core/scheduler.py): the first
# wait before a failed task's next try (doubling each time), how often each worker beats
# and runs its scheduler, and after how long without a beat its running tasks are orphans.
CANDID_TASK_RETRY_SECONDS = float(os.environ.get("CANDID_TASK_RETRY_SECONDS", "30"))
CANDID_WORKER_TICK_SECONDS = float(os.environ.get("CANDID_WORKER_TICK_SECONDS", "10"))
CANDID_WORKER_LOST_SECONDS = float(os.environ.get("CANDID_WORKER_LOST_SECONDS", "120"))
# Sent mail is kept this many days (then pruned by the scheduler): within it, the same
# message to the same person is never recorded twice (core/mail.py).
CANDID_MAIL_KEEP_DAYS = int(os.environ.get("CANDID_MAIL_KEEP_DAYS", "30"))
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "30"))
# Long jobs (exports, imports) renew a lease while they run; one not renewed for this
# long is taken to have lost its worker and is reclaimed (core/leases.py).
CANDID_JOB_LEASE_SECONDS = int(os.environ.get("CANDID_JOB_LEASE_SECONDS", "120"))
# Photos per committed step of a consent propagation run by the worker (its progress).
CANDID_PROPAGATION_STEP = int(os.environ.get("CANDID_PROPAGATION_STEP", "1000"))
# Stored files no row points at (left by a killed process) are deleted by rights_upkeep
# once they are this old (rights/services/media.py).
CANDID_ORPHAN_GRACE_SECONDS = int(os.environ.get("CANDID_ORPHAN_GRACE_SECONDS", "3600"))

# The page cache (default) is per process unless CANDID_CACHE=database shares it.
if os.environ.get("CANDID_CACHE", "local") == "database":
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "candid_cache",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Rate limits (django-ratelimit) count in a table of the main database, shared by every
# web process and exact under concurrency (core/cache_counters.py): `make run`'s two
# gunicorn workers, or any number of servers, enforce the documented limits without
# Redis. migrate creates the table (core/apps.py runs createcachetable after it).
CACHES["ratelimit"] = {
    "BACKEND": "core.cache_counters.CounterCache",
    "LOCATION": "candid_ratelimit",
    "OPTIONS": {"MAX_ENTRIES": 10_000},
}
# A shared cache: CANDID_CACHE_URL=redis://host:6379/0 (or rediss://, unix://) puts the
# cache (the page cache and its content generation, "who was counted today"), sessions and
# the rate-limit counts in one Redis that every web process and worker share; it replaces
# both caches above (CANDID_CACHE is then ignored).
CANDID_CACHE_URL = os.environ.get("CANDID_CACHE_URL", "").strip()
if CANDID_CACHE_URL and not CANDID_CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    raise ImproperlyConfigured(
        "CANDID_CACHE_URL must be a Redis URL (redis://, rediss:// or unix://), "
        f"not {CANDID_CACHE_URL!r}."
    )
if CANDID_CACHE_URL:
    _redis = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": CANDID_CACHE_URL,
    }
    # Rate limits count with Redis' atomic SET NX and INCR (django-ratelimit's add and
    # incr): exact across processes and machines (tests/test_redis_ratelimits.py).
    CACHES = {
        "default": {**_redis, "KEY_PREFIX": "candid"},
        "ratelimit": {**_redis, "KEY_PREFIX": "candid-ratelimit"},
    }
    # Sessions are read from Redis and written through to the database: a signed-in page
    # costs no session query, and a Redis restart signs nobody out. Revoking a session
    # deletes it from both (accounts/sessions.py ends it through the engine's SessionStore).
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
RATELIMIT_USE_CACHE = "ratelimit"
RATELIMIT_VIEW = "web.views.errors.rate_limited"
# Federation (ActivityPub with Pixelfed, Mastodon and the rest of the fediverse): off unless
# the operator turns it on; it needs SITE_URL to be the instance's public https address,
# which other servers store in every id. CANDID_FEDERATION_ALLOW_LOCAL lets tests federate
# over http on 127.0.0.1; never set it in production (federation/fetch.py).
CANDID_FEDERATION = env_bool("CANDID_FEDERATION", False)
CANDID_FEDERATION_ALLOW_LOCAL = env_bool("CANDID_FEDERATION_ALLOW_LOCAL", False)
# Activities one remote server may have stored, per web process (federation/intake_rate.py).
CANDID_FEDERATION_INBOX_RATE = os.environ.get("CANDID_FEDERATION_INBOX_RATE", "3000/m")
# Received activities are first appended to a journal file of the web process, then moved
# into the database in batches, when tasks run in a worker (federation/inbox_journal.py:
# what that gives up after a power cut). Off: one INSERT per activity.
CANDID_FEDERATION_INBOX_JOURNAL = env_bool("CANDID_FEDERATION_INBOX_JOURNAL", True)
CANDID_FEDERATION_INBOX_JOURNAL_DIR = Path(
    os.environ.get("CANDID_FEDERATION_INBOX_JOURNAL_DIR", DATA_DIR / "inbox-journal")
).resolve()
# Remote images are shown through Candid's media proxy and kept up to this many bytes in
# all (federation/media_proxy.py), the least recently shown dropped first.
CANDID_MEDIA_CACHE_BYTES = int(os.environ.get("CANDID_MEDIA_CACHE_BYTES", str(2 * 1024**3)))
CANDID_ANON_PAGE_SECONDS = int(os.environ.get("CANDID_ANON_PAGE_SECONDS", "10"))
LOGIN_RATE = os.environ.get("CANDID_LOGIN_RATE", "10/m")
SIGNUP_RATE = os.environ.get("CANDID_SIGNUP_RATE", "5/h")
# New e-mail confirmation links a member may ask for (accounts/verification.py).
CANDID_VERIFY_RESEND_RATE = os.environ.get("CANDID_VERIFY_RESEND_RATE", "3/h")
# Per account name, from any number of addresses: slows guessing one account's password.
CANDID_LOGIN_ACCOUNT_RATE = os.environ.get("CANDID_LOGIN_ACCOUNT_RATE", "20/h")
# Password-reset mails, per client address and per e-mail address typed in.
CANDID_PASSWORD_RESET_RATE = os.environ.get("CANDID_PASSWORD_RESET_RATE", "10/h")
CANDID_PASSWORD_RESET_EMAIL_RATE = os.environ.get("CANDID_PASSWORD_RESET_EMAIL_RATE", "3/h")
# Behind a reverse proxy (core/client_ip.py): CANDID_TRUSTED_PROXIES lists the proxies'
# addresses or networks (e.g. "127.0.0.1,10.0.0.0/8"; `unix` for one on a unix socket);
# only a request from one of them has its client-address header believed.
# CANDID_CLIENT_IP_HEADER names that header as a META key (HTTP_X_FORWARDED_FOR, the
# default, read from the right past trusted proxies; or HTTP_X_REAL_IP). A header without
# trusted proxies would be believed from anyone: refused at start.
CANDID_TRUSTED_PROXIES = env_list("CANDID_TRUSTED_PROXIES", "")
try:
    proxy_networks(CANDID_TRUSTED_PROXIES)
except ValueError as error:
    raise ImproperlyConfigured(f"CANDID_TRUSTED_PROXIES: {error}.") from None
CANDID_CLIENT_IP_HEADER = os.environ.get("CANDID_CLIENT_IP_HEADER", "").strip()
if CANDID_CLIENT_IP_HEADER and not CANDID_TRUSTED_PROXIES:
    raise ImproperlyConfigured(
        f"CANDID_CLIENT_IP_HEADER={CANDID_CLIENT_IP_HEADER} needs CANDID_TRUSTED_PROXIES, the "
        "addresses of the proxies that set it (e.g. 127.0.0.1): without them any client "
        "could forge its address."
    )
RATELIMIT_ENABLE = env_bool("CANDID_RATELIMIT", True)
# Per account, web form and API one budget each (an anonymous notifier appealing with the
# decision e-mail's token: per address): appeals, upload requests, new access tokens.
CANDID_APPEAL_RATE = os.environ.get("CANDID_APPEAL_RATE", "20/h")
CANDID_UPLOAD_RATE = os.environ.get("CANDID_UPLOAD_RATE", "200/h")
CANDID_TOKEN_RATE = os.environ.get("CANDID_TOKEN_RATE", "10/h")
# Settings, Account, per account: password changes (each tries the current password) and
# new e-mail addresses asked for (each mails a stranger's address a link).
CANDID_PASSWORD_CHANGE_RATE = os.environ.get("CANDID_PASSWORD_CHANGE_RATE", "10/h")
CANDID_EMAIL_CHANGE_RATE = os.environ.get("CANDID_EMAIL_CHANGE_RATE", "5/h")

LANGUAGES = [("en", "English"), ("de", "Deutsch")]
LANGUAGE_CODE = os.environ.get("CANDID_LANGUAGE", "en")
if LANGUAGE_CODE not in dict(LANGUAGES):
    raise ImproperlyConfigured(
        f"CANDID_LANGUAGE={LANGUAGE_CODE!r}: Candid speaks {', '.join(dict(LANGUAGES))}."
    )
FORMAT_MODULE_PATH = ["candid.formats"]
LANGUAGE_COOKIE_NAME = "candid_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "UTC"
USE_I18N = True
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = DATA_DIR / "static"
MEDIA_ROOT = DATA_DIR / "media"

# Media storage: CANDID_STORAGE=local (the disk under CANDID_DATA_DIR) or s3 (any
# S3-compatible service through django-storages, configured by the CANDID_S3_* names).
# Unset, a CANDID_S3_BUCKET alone still means s3, as before CANDID_STORAGE existed.
_storage = os.environ.get("CANDID_STORAGE") or (
    "s3" if os.environ.get("CANDID_S3_BUCKET") else "local"
)
if _storage not in {"local", "s3"}:
    raise ImproperlyConfigured(f"CANDID_STORAGE must be 'local' or 's3', not {_storage!r}.")
if _storage == "s3" and not os.environ.get("CANDID_S3_BUCKET"):
    raise ImproperlyConfigured("CANDID_STORAGE=s3 needs CANDID_S3_BUCKET (the bucket's name).")
if _storage == "s3":
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
# On S3, the owner's original download is a redirect to a presigned URL valid this long
# (web/views/media.py); 0 streams it through Candid instead.
CANDID_S3_PRESIGNED_SECONDS = int(os.environ.get("CANDID_S3_PRESIGNED_SECONDS", "60"))
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
# An export archive uploaded for import (the "Your data" pages): originals and all.
CANDID_MAX_IMPORT_BYTES = int(os.environ.get("CANDID_MAX_IMPORT_BYTES", str(1024**3)))
# Settings → Move in sends each zip of an export in parts of at most this size, resumable;
# one zip may be up to CANDID_MAX_MOVEIN_FILE_BYTES (Flickr's parts are a few GB).
CANDID_MOVEIN_CHUNK_BYTES = int(os.environ.get("CANDID_MOVEIN_CHUNK_BYTES", str(16 * 1024**2)))
CANDID_MAX_MOVEIN_FILE_BYTES = int(
    os.environ.get("CANDID_MAX_MOVEIN_FILE_BYTES", str(20 * 1024**3))
)
CANDID_MAX_PIXELS = int(os.environ.get("CANDID_MAX_PIXELS", str(100_000_000)))
# Uploaded files stream into CANDID_DATA_DIR/tmp/uploads (never the system temp dir) and
# the request is refused as soon as one file passes the limit (core/upload_limits.py).
# Requests up to 2.5 MB keep their files in memory; the fields other than files (and any
# JSON body) are limited to 2.5 MB, Django's default.
FILE_UPLOAD_HANDLERS = ["core.upload_limits.LimitedUploadHandler"]
FILE_UPLOAD_TEMP_DIR = DATA_DIR / "tmp" / "uploads"
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# --- Security headers, HTTPS, Content-Security-Policy (issue 13, defect 8) ---
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# Behind TLS (a reverse proxy that terminates it and sets X-Forwarded-Proto): cookies only
# over https, every http request redirected (except the load balancer's health check), and
# HSTS. The proxy header is trusted only then: without a proxy that overwrites it, any
# client could claim https.
CANDID_HTTPS = env_bool("CANDID_HTTPS", False)
if CANDID_HTTPS:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = int(os.environ.get("CANDID_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("CANDID_HSTS_PRELOAD", False)
# No inline script or style anywhere (django-csp): everything comes from static/, images
# from Candid itself (it serves media through its own permission checks, also from S3).
# The OAuth consent page adds the app's redirect URI to form-action (thirdparty/views.py).
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "csp.middleware.CSPMiddleware",
)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "upgrade-insecure-requests": CANDID_HTTPS,
    }
}
# Images of posts from other servers come through Candid's media proxy
# (federation/media_proxy.py), so img-src stays Candid's own with federation on; only for
# a member who chose to load them directly does a page add those servers
# (federation/image_links.py).
# `manage.py check --deploy` passes with no warning in production (tests/test_deploy_check.py).
# Each check silenced here was decided, with its reason:
SILENCED_SYSTEM_CHECKS = [
    # security.W021: HSTS preloading is a commitment only the operator can make (submit the
    # domain to hstspreload.org, then set CANDID_HSTS_PRELOAD=1); it is not a safe default.
    "security.W021",
    # django_ratelimit.W001 only says CounterCache (or Django's own RedisCache) is not on its
    # list of known backends; both count exactly across processes
    # (tests/test_ratelimit_cache.py, tests/test_redis_processes.py).
    "django_ratelimit.W001",
]
# With "ninja" installed, /api/v1/docs serves Swagger UI from static files, not a CDN.
INSTALLED_APPS.append("ninja")
# --- end of security block ---

# LOG_FORMAT=json writes one JSON object a line (the container's default), text a line of
# text (`make run`'s); both carry the request id (core/json_log.py, core/request_id.py).
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text").strip().lower()
if LOG_FORMAT not in {"json", "text"}:
    raise ImproperlyConfigured(f"LOG_FORMAT must be json or text, not {LOG_FORMAT!r}.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "core.json_log.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "core.json_log.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": LOG_FORMAT,
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
# Error reporting to Sentry (or any Sentry-compatible service), only when SENTRY_DSN is set:
# sentry_sdk is not even imported otherwise (core/error_reporting.py).
if os.environ.get("SENTRY_DSN"):
    from core.error_reporting import start_error_reporting

    start_error_reporting(os.environ["SENTRY_DSN"])

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
    # RFC 9700 (OAuth 2.0 Security Best Current Practice), every recommendation enforced:
    # only the authorization-code grant, PKCE with S256 only (never "plain"), bearer
    # tokens only in the Authorization header, the RFC 9207 `iss` in every authorisation
    # response, tokens stored as SHA-256 checksums only (a database dump hands out no
    # working token), a replayed refresh token revokes its whole family, https redirect
    # URIs only (native apps use claimed https links, RFC 8252 §7.2), exact matching.
    "COMPLIANT_BCP_RFC9700_IMPLICIT_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PASSWORD_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PKCE_METHOD": True,
    "COMPLIANT_BCP_RFC9700_ACCESS_TOKEN_TRANSPORT": True,
    "COMPLIANT_BCP_RFC9700_AUTHZ_RESPONSE_ISS": True,
    "COMPLIANT_BCP_RFC9700_TOKEN_STORAGE": True,
    "COMPLIANT_BCP_RFC9700_REFRESH_TOKEN": True,
    "COMPLIANT_BCP_RFC9700_REDIRECT_URI_SCHEME": True,
    "COMPLIANT_BCP_RFC9700_REDIRECT_URI_MATCHING": True,
    "COMPLIANT_BCP_RFC9700_PKCE_REQUIRED": True,
    "REFRESH_TOKEN_REUSE_PROTECTION": True,
    "REFRESH_TOKEN_GRACE_PERIOD_SECONDS": 0,
    "ALLOWED_REDIRECT_URI_SCHEMES": ["https"],
    "ALLOW_URI_WILDCARDS": False,
    "OAUTH2_SERVER_CLASS": "thirdparty.oauth_server.S256OnlyServer",
    "OAUTH2_VALIDATOR_CLASS": "thirdparty.validator.CandidValidator",
    # The issuer named in `iss`: the configured public URL, never the request's Host.
    "OIDC_ISS_ENDPOINT": SITE_URL,
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
# Dataset links sent to one fediverse account, whoever asks (web/views/federation_datasets.py).
CANDID_FEDIVERSE_LINK_RATE = os.environ.get("CANDID_FEDIVERSE_LINK_RATE", "3/h")
# PDQ index checkpoints: built by the worker (pdq_index_build), memory-mapped by web
# processes; must be one directory per machine shared by its web and worker processes.
CANDID_PDQ_DIR = Path(os.environ.get("CANDID_PDQ_DIR", DATA_DIR / "pdq")).resolve()
# "I am in this photo" requests (web and API, one budget): each mails the requester, the
# owner and every staff member.
CANDID_DEPICTED_RATE = os.environ.get("CANDID_DEPICTED_RATE", "5/h")

# Observability. /healthz fails the worker check when a heartbeat task has waited longer
# than this (CANDID_TASKS=database only). /metrics (Prometheus) answers requests bearing
# CANDID_METRICS_TOKEN, and without it only direct requests from CANDID_METRICS_IPS (never
# one relayed by a proxy). With gunicorn, set PROMETHEUS_MULTIPROC_DIR to an empty folder
# to count every worker process (prometheus_client reads it).
CANDID_WORKER_STALE_SECONDS = int(os.environ.get("CANDID_WORKER_STALE_SECONDS", "300"))
CANDID_METRICS_TOKEN = os.environ.get("CANDID_METRICS_TOKEN", "")
CANDID_METRICS_IPS = env_list("CANDID_METRICS_IPS", "127.0.0.1,::1")
