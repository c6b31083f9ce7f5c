"""A developer's machine and the `make run` demo."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env.str("SECRET_KEY", default="local-only-not-secret-" + "x" * 40)
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"
DEMO_DATA_ALLOWED = True
# Demo data, benchmarks and their commands (never installed in production).
INSTALLED_APPS = [*INSTALLED_APPS, "devtools"]  # noqa: F405

# Tasks run in-process here: one INFO line per task would bury `make run`'s demo logins.
LOGGING["loggers"]["celery.app.trace"] = {"level": "WARNING"}  # noqa: F405
