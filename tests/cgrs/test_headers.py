"""SECURITY S10: headers on every kind of page."""

import pytest
from django.urls import reverse


@pytest.mark.parametrize("principal", ["anonymous", "attorney"])
def test_pages_carry_security_headers(principal, client_for):
    url = reverse("home") if principal == "anonymous" else reverse("accounts:my_account")
    response = client_for(principal).get(url)
    csp = response["Content-Security-Policy"]
    script_src = next(part for part in csp.split(";") if part.strip().startswith("script-src"))
    assert "unsafe-inline" not in script_src and "unsafe-eval" not in script_src
    assert "object-src 'none'" in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    if principal != "anonymous":
        assert response["Cache-Control"] == "no-store"


def test_production_settings_pass_the_deploy_check(tmp_path):
    """`check --deploy --fail-level WARNING` passes with production settings and real values."""
    import os
    import subprocess
    import sys

    from django.conf import settings

    # The browser harness allows async-unsafe ORM calls in its own process; production doesn't.
    base_env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {
        **base_env,
        "DJANGO_SETTINGS_MODULE": "cgrs.settings.production",
        "SECRET_KEY": "k" * 20 + "9fJ#2mQ!xZ7pL@4vR8tW1yB6nC3hD5gK0sA",
        "DATABASE_URL": _database_url(settings.DATABASES["default"]),
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "ALLOWED_HOSTS": "ta.example.org",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_settings_refuse_to_start_without_secrets():
    import os
    import subprocess
    import sys

    from django.conf import settings

    env = {
        k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DATABASE_URL", "REDIS_URL"}
    }
    env["DJANGO_SETTINGS_MODULE"] = "cgrs.settings.production"
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        env=env,
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        timeout=120,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set in production" in result.stderr


def _database_url(db: dict) -> str:
    from urllib.parse import quote

    host = db["HOST"]
    if host.startswith("/"):
        return f"postgres://{db['USER']}@{quote(host, safe='')}/{db['NAME']}"
    return f"postgres://{db['USER']}@{host}:{db.get('PORT') or 5432}/{db['NAME']}"
