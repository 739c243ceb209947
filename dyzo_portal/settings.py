"""Settings for the Dyzo portal, read from the environment.

DATABASE_URL   postgres://user:pass@host:5432/name; unset: SQLite in var/dyzo.sqlite3
SECRET_KEY     required when DEBUG is off; the development default is refused there
DEBUG          "1"/"true"/"yes" switches it on; off by default
ALLOWED_HOSTS  comma-separated host names
BACKUP_DIR     where `manage.py backup` and restore's safety copies go; default var/backups
MEDIA_ROOT     the uploaded and generated files (case reports, frozen answers); default var/media
CACHE_URL      redis://host:6379/0 for a cache every server shares (and sessions kept in it);
               unset: a cache in each process's memory
TASKS_REDIS_URL  redis://host:6379/1: background tasks queue in Redis for RQ workers on any machine;
               unset: they queue in the database, for `manage.py task_worker` beside the web server

Production security (all on when DEBUG is off; see README "Deploying"):
CSRF_TRUSTED_ORIGINS     comma-separated origins, e.g. https://portaal.dyzo.be
SECURE_SSL_REDIRECT      "0" only to serve plain HTTP locally (make serve)
TRUST_X_FORWARDED_PROTO  "1" behind a TLS-terminating proxy that sets X-Forwarded-Proto
TRUSTED_PROXY_COUNT      how many proxies in front of the portal append to X-Forwarded-For; default 0
SECURE_HSTS_SECONDS      default one year
SESSION_IDLE_MINUTES     a session ends after this much inactivity; default 30
API_TOKEN_DAYS           how long a new API token is valid; default 30
API_ANONYMOUS_RATE, API_USER_RATE   the API's rate limits (DRF: 60/minute, 1200/minute)
PASSWORD_RESETS_PER_ADDRESS, PASSWORD_RESETS_PER_EMAIL, INVITATIONS_PER_HOUR, HELP_REQUESTS_PER_HOUR
                         hourly limits counted in the database (core.throttle)
AXES_FAILURE_LIMIT, AXES_ADDRESS_FAILURE_LIMIT, AXES_COOLOFF_MINUTES   the sign-in lockout
EMAIL_BACKEND  Django e-mail backend; default: the console with DEBUG, else SMTP (EMAIL_HOST, EMAIL_PORT,
               EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS); DEFAULT_FROM_EMAIL the sender
SITE_URL       the portal's address, for the links in e-mails; default http://127.0.0.1:8000
"""

import datetime
import os
from pathlib import Path
from typing import Any

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"
BACKUP_DIR = Path(os.environ.get("BACKUP_DIR") or VAR_DIR / "backups")

DEVELOPMENT_SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"


TRUE_VALUES = ("1", "true", "yes", "on")
FALSE_VALUES = ("0", "false", "no", "off")


def env_flag(name: str, default: bool = False) -> bool:
    """A yes/no variable; unset or empty gives the default. Anything else is refused, so that a
    typo such as DEBUG=ture or SECURE_SSL_REDIRECT=nee never silently means "off"."""
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in TRUE_VALUES:
        return True
    if value in FALSE_VALUES:
        return False
    accepted = ", ".join(TRUE_VALUES + FALSE_VALUES)
    raise ImproperlyConfigured(f"{name}={os.environ[name]!r} is not a yes/no value; use one of: {accepted}.")


def env_count(name: str, default: int = 0) -> int:
    """A whole number of zero or more; unset or empty gives the default, anything else stops the start."""
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    if not (value.isascii() and value.isdigit()):
        raise ImproperlyConfigured(f"{name}={os.environ[name]!r} is not a whole number of zero or more.")
    return int(value)


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_flag("DEBUG")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not DEBUG and SECRET_KEY in {"", DEVELOPMENT_SECRET_KEY}:
    raise ImproperlyConfigured("SECRET_KEY must be set to a secret value when DEBUG is off.")
SECRET_KEY = SECRET_KEY or DEVELOPMENT_SECRET_KEY

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "rest_framework",
    "knox",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "core",
    "partnerships",
    "cases",
    "trainings",
    "reports",
    "portal",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "core.middleware.IdleSessionMiddleware",
    "core.middleware.TwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "dyzo_portal.urls"

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
            ],
        },
    },
]

WSGI_APPLICATION = "dyzo_portal.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'dyzo.sqlite3'}",
        conn_max_age=60,
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(exist_ok=True)
    # The web server and the task worker share the file: wait for the other's lock instead of failing at once.
    DATABASES["default"]["OPTIONS"] = {"timeout": 20}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cached pages are keyed by the data generations in the database (core.freshness), so
# they are right on any cache; a shared one only saves work. The API's rate limits count in the
# "throttle" cache, which every worker and server shares: Redis with CACHE_URL, else a table. Sessions may live in the cache
# only when it is shared: a sign-out must reach every worker.
CACHE_URL = os.environ.get("CACHE_URL", "")
if CACHE_URL.startswith(("redis://", "rediss://")):
    CACHES: dict[str, dict[str, Any]] = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL, "KEY_PREFIX": "dyzo"},
        "throttle": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": "dyzo-throttle",
        },
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
elif CACHE_URL:
    raise ImproperlyConfigured("CACHE_URL must be a redis:// or rediss:// address.")
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 2000}},
        "throttle": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "core_throttle_cache"},
    }

# Background tasks (Django's Tasks API through django-tasks; core.tasks adds retries). In the database by
# default, worked by `manage.py task_worker` (make run and make serve start one); with TASKS_REDIS_URL in
# Redis, for RQ workers on any machine (`manage.py task_worker` runs one there too).
TASKS_REDIS_URL = os.environ.get("TASKS_REDIS_URL", "")
if TASKS_REDIS_URL.startswith(("redis://", "rediss://")):
    INSTALLED_APPS.append("django_rq")
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    RQ_QUEUES = {"default": {"URL": TASKS_REDIS_URL, "DEFAULT_TIMEOUT": 600}}
elif TASKS_REDIS_URL:
    raise ImproperlyConfigured("TASKS_REDIS_URL must be a redis:// or rediss:// address.")
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

AUTH_USER_MODEL = "core.User"  # signs in with the e-mail address, in any case

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl-be"
LANGUAGES = [("nl-be", _("Nederlands")), ("en", _("Engels"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["dyzo_portal.formats"]

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT") or VAR_DIR / "media")
MEDIA_URL = "media/"
# An import's upload between preview and confirmation (core.pending_uploads); never served, never backed up.
PENDING_UPLOAD_DIR = VAR_DIR / "uploads"

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_flag("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Dyzo-portaal <noreply@dyzo.be>")
# The absolute links in e-mails start with this address (no request to take it from in a scheduled command).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

FIXTURES_DIR = BASE_DIR / "fixtures"

# Security. Production defaults; DEBUG (local development) relaxes what needs HTTPS.
SECURE_SSL_REDIRECT = env_flag("SECURE_SSL_REDIRECT", not DEBUG)
if env_flag("TRUST_X_FORWARDED_PROTO"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# Proxies in front of the portal that append the client's address to X-Forwarded-For (core.client_address).
TRUSTED_PROXY_COUNT = env_count("TRUSTED_PROXY_COUNT")
X_FRAME_OPTIONS = "DENY"
SESSION_IDLE_SECONDS = 60 * int(os.environ.get("SESSION_IDLE_MINUTES", "30"))
SESSION_COOKIE_AGE = SESSION_IDLE_SECONDS

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Sign-in lockout: five failures for an e-mail address (in any case) from one address, or twenty from
# one address whatever the e-mail addresses (password spraying), lock it for 15 minutes (core.sign_in_lockout).
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_ADDRESS_FAILURE_LIMIT = int(os.environ.get("AXES_ADDRESS_FAILURE_LIMIT", "20"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], ["ip_address"]]
AXES_HANDLER = "core.sign_in_lockout.AddressAwareHandler"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_LOCKOUT_CALLABLE = "core.security.locked_out"
AXES_USERNAME_CALLABLE = "core.security.sign_in_name"
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "core.client_address.client_address"

OTP_TOTP_ISSUER = "Dyzo-portaal"
BACKUP_CODE_COUNT = 10  # one-time codes for the second step when the phone is lost (core.backup_codes)

# API tokens (django-rest-knox): stored as a SHA-512 hash, valid for API_TOKEN_DAYS, created on /account/api-tokens/.
API_TOKEN_DAYS = env_count("API_TOKEN_DAYS", 30)
API_TOKENS_PER_USER = 10  # valid tokens one person may hold at once
REST_KNOX = {"TOKEN_TTL": datetime.timedelta(days=API_TOKEN_DAYS), "AUTO_REFRESH": False}
OTP_ADMIN_HIDE_SENSITIVE_DATA = True  # the admin never shows an authenticator key or its QR code after set-up

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "knox.auth.TokenAuthentication",
    ],
    "DEFAULT_THROTTLE_CLASSES": ["core.api_throttles.AnonymousRateThrottle", "core.api_throttles.UserRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("API_ANONYMOUS_RATE", "60/minute"),
        "user": os.environ.get("API_USER_RATE", "1200/minute"),
    },
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 100,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "core.api_errors.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Dyzo-portaal API",
    "DESCRIPTION": (
        "Samenwerking, dossiers, opleidingen en rapporten van Dyzo vzw. Aanmelden met de sessie of met een "
        "API-sleutel van /account/api-sleutels/ (kop `Authorization: Token <sleutel>`), geldig API_TOKEN_DAYS dagen. "
        "Te veel verzoeken krijgen 429 met Retry-After."
    ),
    "VERSION": "1.0.0",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "SERVE_INCLUDE_SCHEMA": False,
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums", "core.api_errors.document_errors"],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}

# Cases: privacy and the public help form.
CASE_RETENTION_YEARS = int(os.environ.get("CASE_RETENTION_YEARS", "5"))
HELP_REQUESTS_PER_HOUR = int(os.environ.get("HELP_REQUESTS_PER_HOUR", "5"))

# Rate limits counted in the database (core.throttle): password resets per client address and per
# e-mail address, invitations per partner admin, each per hour.
PASSWORD_RESETS_PER_ADDRESS = env_count("PASSWORD_RESETS_PER_ADDRESS", 10)
PASSWORD_RESETS_PER_EMAIL = env_count("PASSWORD_RESETS_PER_EMAIL", 3)
INVITATIONS_PER_HOUR = env_count("INVITATIONS_PER_HOUR", 20)
PARTICIPANT_CONTRIBUTION_CAP = 200  # euro per trajectory, seed 003's model
