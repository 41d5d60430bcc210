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
    "kompass.accounts.adminsite.KompassAdminConfig",  # the Django admin, opened by the rules
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
    "rules",  # access rules as predicates (docs/permissions.md); {% load rules %} in templates
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
    "kompass.core.errors.SwedishNotFoundMiddleware",  # our 404 page also with KOMPASS_DEBUG=true
]
CSRF_FAILURE_VIEW = "kompass.core.errors.csrf_failure"

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
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",  # logs people in (login() outside authenticate() names it)
    "rules.permissions.ObjectPermissionBackend",  # kompass's permissions: the rules in each app's permissions.py
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
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
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

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

# ------------------------------------------------------------------ sign-in security, worker, e-mail, backups
# (docs/security.md, docs/architecture.md "Jobs", docs/backup.md; every variable is in the README)
from datetime import timedelta  # noqa: E402

INSTALLED_APPS += ["axes"]
# django-axes: after KOMPASS_LOGIN_FAILURE_LIMIT failed logins for one account, or from one address, that
# account or address is refused (even with the right password) for KOMPASS_LOGIN_COOLOFF_MINUTES.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
MIDDLEWARE += ["axes.middleware.AxesMiddleware"]
AXES_FAILURE_LIMIT = env_int("KOMPASS_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("KOMPASS_LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "kompass.core.net.client_ip"
AXES_LOCKOUT_CALLABLE = "kompass.accounts.lockout.lockout_response"
AXES_VERBOSE = False

# Second factor (django-otp: TOTP app + recovery codes) for administrators and evaluation teams, who read
# personal data and unpublished results. Default: required in production, not on the laptop (the demo
# stays one command); kompass/accounts/twofactor.py.
KOMPASS_REQUIRE_2FA = env_bool("KOMPASS_REQUIRE_2FA", not DEBUG)
INSTALLED_APPS += ["django_otp", "django_otp.plugins.otp_totp", "django_otp.plugins.otp_static"]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "django_otp.middleware.OTPMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django_otp.middleware.OTPMiddleware") + 1,
    "kompass.accounts.middleware.RequireSecondFactorMiddleware",
)
OTP_TOTP_ISSUER = "kompass"

# The background worker and scheduler (Celery, `kompass worker`; docs/architecture.md "Jobs"). The broker is
# the Redis that production already has (the cache's by default). Empty: no worker, every task runs at once
# in the process that asks for it, so `./bin/serve` on a laptop needs nothing else.
from celery.schedules import crontab  # noqa: E402

INSTALLED_APPS += ["kompass.jobs"]
BROKER_URL = env_str("KOMPASS_BROKER_URL", CACHE_URL)
CELERY_BROKER_URL = BROKER_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = not BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_IGNORE_RESULT = True  # a Job row holds what a person follows; nothing else reads results
CELERY_TASK_ACKS_LATE = True  # a task cut off by a killed worker runs again
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"global_keyprefix": env_str("KOMPASS_CACHE_PREFIX", "kompass") + ":celery:"}
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE_FILENAME = str(DATA_DIR / "celerybeat-schedule")
CELERY_BEAT_SCHEDULE = {
    "heartbeat": {"task": "kompass.heartbeat", "schedule": 60.0},
    "nightly-backup": {"task": "kompass.nightly_backup", "schedule": crontab(hour=2, minute=15)},
    "erase-personal-data": {"task": "kompass.erase_personal_data", "schedule": crontab(hour=3, minute=30)},
    "action-reminders": {"task": "kompass.send_action_reminders", "schedule": crontab(hour=7, minute=0)},
}
KOMPASS_BACKUP_DIR = Path(env_str("KOMPASS_BACKUP_DIR", str(DATA_DIR / "backups")))
KOMPASS_BACKUP_KEEP_DAYS = env_int("KOMPASS_BACKUP_KEEP_DAYS", 14)
# Signs every backup (HMAC-SHA256); a restore refuses a backup changed without it. Required in production.
KOMPASS_BACKUP_KEY = env_str("KOMPASS_BACKUP_KEY", "dev-only-backup-key-not-for-production" if DEBUG else "")

# E-mail: Django's EMAIL_BACKEND hands every message to the worker (kompass/jobs/mail.py), which delivers
# it over SMTP when KOMPASS_EMAIL_HOST is set (to the console otherwise) and retries a failed connection.
EMAIL_BACKEND = "kompass.jobs.mail.WorkerEmailBackend"
EMAIL_HOST = env_str("KOMPASS_EMAIL_HOST", "")
EMAIL_PORT = env_int("KOMPASS_EMAIL_PORT", 587)
EMAIL_USE_TLS = env_bool("KOMPASS_EMAIL_USE_TLS", EMAIL_PORT == 587)  # STARTTLS
EMAIL_USE_SSL = env_bool("KOMPASS_EMAIL_USE_SSL", EMAIL_PORT == 465)  # TLS from the first byte
EMAIL_HOST_USER = env_str("KOMPASS_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = env_str("KOMPASS_EMAIL_PASSWORD", "")
EMAIL_TIMEOUT = env_int("KOMPASS_EMAIL_TIMEOUT", 30)
KOMPASS_EMAIL_DELIVERY_BACKEND = env_str(
    "KOMPASS_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "django.core.mail.backends.console.EmailBackend",
)
KOMPASS_EMAIL_RETRY_SECONDS = env_int("KOMPASS_EMAIL_RETRY_SECONDS", 300)
KOMPASS_EMAIL_RETRY_HOURS = env_int("KOMPASS_EMAIL_RETRY_HOURS", 48)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
