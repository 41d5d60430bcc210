"""The one settings module. Everything that differs between machines comes from the environment;
the defaults run on one laptop with an embedded SQLite database and no other services."""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from kompass.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(env_str("KOMPASS_DATA_DIR", str(BASE_DIR / "var")))
DATA_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("KOMPASS_DEBUG", True)
SECRET_KEY = env_str("KOMPASS_SECRET_KEY", "dev-only-secret-key-change-me-in-production-0123456789")
ALLOWED_HOSTS = env_list("KOMPASS_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("KOMPASS_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "kompass.core",
    "kompass.accounts",
    "kompass.municipalities",
    "kompass.criteria",
    "kompass.evaluations",
    "kompass.assessment",
    "kompass.comparison",
    "kompass.reports",
    "kompass.importer",
    "kompass.search",
    "kompass.actionplans",
    "kompass.api",
    "kompass.portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "kompass.assessment.history.ActingUserMiddleware",  # the change history records who, admin included
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "kompass.urls"
WSGI_APPLICATION = "kompass.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
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

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'kompass.sqlite3'}"),
        # Reusing connections saves PostgreSQL's connection start and cold catalog caches on every
        # request (measured in bench/README.md, "Search"); the health check drops a broken one first.
        conn_max_age=env_int("KOMPASS_DB_CONN_MAX_AGE", 0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the dev server and a background job write without "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

# The cache (role-model rankings, averages, rendered reports, the API's rate limit): in each process by
# default (one laptop); with several application servers, one Redis shared by all (KOMPASS_CACHE_URL).
CACHE_URL = env_str("KOMPASS_CACHE_URL", "")
if CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": env_str("KOMPASS_CACHE_PREFIX", "kompass"),
        }
    }
elif CACHE_URL:
    raise ImproperlyConfigured(f"KOMPASS_CACHE_URL ska vara en redis://-adress, inte {CACHE_URL!r}.")
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Backups (kompass backup): Django's JSON with times to the microsecond (kompass/core/serializers.py).
SERIALIZATION_MODULES = {"exactjson": "kompass.core.serializers"}
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "sv"
# Swedish only until an English catalogue exists: with "en" listed, a browser preferring English got
# Swedish text with English dates and numbers ("1 December 2027", "63.5").
LANGUAGES = [("sv", "Svenska")]
LOCALE_PATHS = [BASE_DIR / "kompass" / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
# Serve static files straight from the apps (no collectstatic step needed to run from a clone).
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = Path(env_str("KOMPASS_MEDIA_ROOT", str(DATA_DIR / "media")))
MEDIA_URL = "media/"

# Uploads: the questionnaire's documents. Bigger files are refused with a message, never stored.
KOMPASS_MAX_UPLOAD_BYTES = env_int("KOMPASS_MAX_UPLOAD_BYTES", 20 * 1024 * 1024)
# Interviewees and interview notes are removed this many days after publication (`kompass
# erase_personal_data`, run daily); scores, texts and the report stay. docs/privacy.md.
KOMPASS_PERSONAL_DATA_RETENTION_DAYS = env_int("KOMPASS_PERSONAL_DATA_RETENTION_DAYS", 365)
# An average over fewer published evaluations is shown as "för få utvärderingar (N = 2)", not as a figure.
KOMPASS_MIN_AVERAGE_N = env_int("KOMPASS_MIN_AVERAGE_N", 5)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

EMAIL_BACKEND = env_str("KOMPASS_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("KOMPASS_FROM_EMAIL", "kompass@example.se")

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("KOMPASS_SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("KOMPASS_LOG_LEVEL", "WARNING")},
}
