"""The one settings module. Everything that differs between machines comes from the environment;
the defaults run on one laptop with an embedded SQLite database and no other services."""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from kompass.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(env_str("KOMPASS_DATA_DIR", str(BASE_DIR / "var")))
DATA_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("KOMPASS_DEBUG", True)
DEV_SECRET_KEY = "dev-only-secret-key-change-me-in-production-0123456789"
SECRET_KEY = env_str("KOMPASS_SECRET_KEY", DEV_SECRET_KEY)
ALLOWED_HOSTS = env_list("KOMPASS_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("KOMPASS_CSRF_TRUSTED_ORIGINS", [])
# Demo accounts and the demo evaluation (`kompass setup`) only on a laptop, never in production.
KOMPASS_DEMO = DEBUG
if not DEBUG:
    # Production refuses to start half-configured (docs/deployment.md).
    if SECRET_KEY == DEV_SECRET_KEY or len(SECRET_KEY) < 50:
        raise ImproperlyConfigured(
            "kompass startar inte: med KOMPASS_DEBUG=false krävs en egen KOMPASS_SECRET_KEY (minst 50 tecken, "
            "t.ex. från `python3 -c 'import secrets; print(secrets.token_urlsafe(50))'`)."
        )
    if not os.environ.get("KOMPASS_ALLOWED_HOSTS", "").strip():
        raise ImproperlyConfigured(
            "kompass startar inte: med KOMPASS_DEBUG=false krävs KOMPASS_ALLOWED_HOSTS, t.ex. kompass.example.se."
        )

INSTALLED_APPS = [
    "kompass.accounts.adminsite.KompassAdminConfig",  # the Django admin, opened by the rules
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "csp",
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
    "kompass.core.requestlog.RequestLogMiddleware",  # request id, one log line per request
    "kompass.core.middleware.RequestSizeLimitMiddleware",  # 413 before a too large body is read
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "kompass.core.middleware.PrivateResponseMiddleware",  # no-store for private material; sign-in cap
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
# When Redis is down, kompass answers without it (kompass/core/cache.py); short timeouts keep that quick.
CACHE_URL = env_str("KOMPASS_CACHE_URL", "")
if CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    CACHES = {
        "default": {
            "BACKEND": "kompass.core.cache.ResilientRedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": env_str("KOMPASS_CACHE_PREFIX", "kompass"),
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1.0},
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
# On a laptop, static files straight from the apps (no collectstatic needed to run from a clone); in
# production from STATIC_ROOT, which `kompass serve` fills with collectstatic before it starts.
WHITENOISE_USE_FINDERS = DEBUG
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

DEFAULT_FROM_EMAIL = env_str("KOMPASS_FROM_EMAIL", "kompass@example.se")

# --- HTTPS, proxy and browser security (docs/deployment.md) ---------------------------------------------
# Production runs behind a TLS-terminating proxy (nginx). KOMPASS_HTTPS (default: on unless DEBUG) turns on
# the redirect to https, secure cookies and HSTS; the proxy says a request came over https in
# X-Forwarded-Proto, read only with KOMPASS_PROXY_SSL_HEADER=true (else any client could claim https).
KOMPASS_HTTPS = env_bool("KOMPASS_HTTPS", not DEBUG)
if env_bool("KOMPASS_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Proxies whose X-Forwarded-For is believed (addresses or networks, e.g. 127.0.0.1,10.0.0.0/24): the
# client's address for rate limits and login throttling comes from kompass.core.net.client_ip.
KOMPASS_TRUSTED_PROXIES = env_list("KOMPASS_TRUSTED_PROXIES", [])
SECURE_SSL_REDIRECT = env_bool("KOMPASS_SSL_REDIRECT", KOMPASS_HTTPS)
SECURE_REDIRECT_EXEMPT = [r"^halsa/$"]  # the proxy's and the monitor's health check over plain http
SECURE_HSTS_SECONDS = env_int("KOMPASS_HSTS_SECONDS", 31536000 if KOMPASS_HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("KOMPASS_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("KOMPASS_HSTS_PRELOAD", False)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("KOMPASS_SECURE_COOKIES", KOMPASS_HTTPS)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
# A sign-in ends after KOMPASS_SESSION_IDLE_SECONDS without a request (saved on every request, so the
# expiry moves with use) and at the latest KOMPASS_SESSION_MAX_SECONDS after it began (kompass.core.middleware).
SESSION_COOKIE_AGE = env_int("KOMPASS_SESSION_IDLE_SECONDS", 2 * 3600)
SESSION_SAVE_EVERY_REQUEST = True
KOMPASS_SESSION_MAX_SECONDS = env_int("KOMPASS_SESSION_MAX_SECONDS", 10 * 3600)
# Content-Security-Policy (django-csp): only the site's own scripts, styles, images and fonts; no inline
# script or style in any page (the standalone HTML report carries its styles, but it is a download, opened
# from disk, where no header applies).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# A request body larger than this is refused with 413 before it is read (kompass.core.middleware): the
# largest upload plus room for the form around it. nginx's client_max_body_size should match.
KOMPASS_MAX_REQUEST_BYTES = env_int("KOMPASS_MAX_REQUEST_BYTES", KOMPASS_MAX_UPLOAD_BYTES + 1024 * 1024)

# --- Application server (`kompass serve`, gunicorn) ----------------------------------------------------
KOMPASS_BIND = env_str("KOMPASS_BIND", "127.0.0.1:8000")
KOMPASS_WORKERS = env_int("KOMPASS_WORKERS", 2)
KOMPASS_THREADS = env_int("KOMPASS_THREADS", 8)  # threads hide database and cache waits (bench/README.md)
KOMPASS_TIMEOUT = env_int("KOMPASS_TIMEOUT", 60)  # seconds; a full PDF report takes about one
KOMPASS_MAX_REQUESTS = env_int("KOMPASS_MAX_REQUESTS", 2000)  # a worker is replaced after this many requests

# --- Logging: one line per request (method, path, status, ms, user id) and the request id on every line ---
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "kompass.core.requestlog.RequestIdFilter"}},
    "formatters": {
        "line": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["request_id"], "formatter": "line"}},
    "root": {"handlers": ["console"], "level": env_str("KOMPASS_LOG_LEVEL", "WARNING")},
    "loggers": {
        "kompass.request": {"level": env_str("KOMPASS_REQUEST_LOG_LEVEL", "INFO")},
        "kompass.cache": {"level": "INFO"},
    },
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
