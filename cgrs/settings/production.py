"""Production: every secret and service comes from the environment, or we refuse to start."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import ALLAUTH_TRUSTED_PROXY_COUNT, env

for required in ("SECRET_KEY", "DATABASE_URL", "REDIS_URL"):
    if not env.str(required, default=""):
        raise ImproperlyConfigured(f"{required} must be set in production.")

DEBUG = False
SECRET_KEY = env.str("SECRET_KEY")
# In-process tasks would block requests and lose work on a crash: production needs Redis.
CELERY_TASK_ALWAYS_EAGER = False

SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
# SECURITY (S18): X-Forwarded-Proto says HTTPS only when a proxy we run sets it; without one
# (TRUSTED_PROXY_COUNT=0) any client could send it and pass for HTTPS.
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if ALLAUTH_TRUSTED_PROXY_COUNT > 0 else None
)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=63072000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"
DEMO_DATA_ALLOWED = False
