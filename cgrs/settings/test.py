"""The test suite: real PostgreSQL (embedded or DATABASE_URL), in-process tasks unless a test
points Celery at a real Redis itself."""

import atexit
import shutil
import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = "test-only-not-secret-" + "x" * 40
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
CELERY_BROKER_URL = "memory://"
CELERY_TASK_ALWAYS_EAGER = True
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DEMO_DATA_ALLOWED = True
# Demo data, benchmarks and their commands (never installed in production).
INSTALLED_APPS = [*INSTALLED_APPS, "devtools"]  # noqa: F405
# Tests that need a real broker read this (the CI machine runs Redis on 6379).
TEST_REDIS_URL = env.str("TEST_REDIS_URL", default=env.str("REDIS_URL", default=""))

# Files the tests upload go to a throwaway folder per test process, never among the demo's.
PRIVATE_FILES_ROOT = Path(tempfile.mkdtemp(prefix="cgrs-test-files-"))
atexit.register(shutil.rmtree, PRIVATE_FILES_ROOT, ignore_errors=True)
STORAGES["default"] = {
    **STORAGES["default"],
    "OPTIONS": {"location": str(PRIVATE_FILES_ROOT), "base_url": None},
}

# Transactional tests empty every table with TRUNCATE between tests; the audit table refuses
# TRUNCATE unless the session says otherwise (audit migration 0004). Only the tests do.
_db_options = DATABASES["default"].setdefault("OPTIONS", {})  # noqa: F405
_db_options["options"] = (
    _db_options.get("options", "") + " -c cgrs.allow_audit_truncate=on"
).strip()
