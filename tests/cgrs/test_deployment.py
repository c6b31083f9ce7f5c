"""S18: in the shipped deployment, forwarded headers are trusted only from the proxy the
compose file runs; a client's spoofed X-Forwarded-For/-Proto neither resets a rate limit nor
fakes HTTPS."""

import functools
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.urls import reverse

from tests.factories import PASSWORD, AttorneyFactory

ROOT = Path(settings.BASE_DIR)
LOCKED = "Too many failed login attempts"


def _services(compose: str) -> dict[str, str]:
    """Each service's block of docker-compose.yml (no YAML parser is a dependency)."""
    body = compose.split("\nservices:\n", 1)[1].split("\nvolumes:\n", 1)[0]
    blocks = re.split(r"^  (?=[a-z][\w-]*:\s*$)", body, flags=re.MULTILINE)
    return {block.split(":", 1)[0]: block for block in blocks if block.strip()}


@functools.cache
def _shipped_settings(**environment) -> dict:
    """The production settings as the image would load them with `environment`."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"TRUSTED_PROXY_COUNT", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "cgrs.settings.production",
            "SECRET_KEY": "x" * 50,
            "DATABASE_URL": "postgres://cgrs@127.0.0.1:1/cgrs",
            "REDIS_URL": "redis://127.0.0.1:1/0",
            **environment,
        }
    )
    code = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({'proxy_count': s.ALLAUTH_TRUSTED_PROXY_COUNT, "
        "'ssl_header': s.SECURE_PROXY_SSL_HEADER, 'ssl_redirect': s.SECURE_SSL_REDIRECT, "
        "'language_cookie_secure': s.LANGUAGE_COOKIE_SECURE}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_only_the_proxy_is_published_and_the_count_matches_it():
    compose = (ROOT / "docker-compose.yml").read_text()
    services = _services(compose)
    published = sorted(name for name, block in services.items() if "\n    ports:" in block)
    assert published == ["proxy"], published
    assert "deploy/Caddyfile:/etc/caddy/Caddyfile" in services["proxy"]
    # One proxy in front of gunicorn, so the application trusts exactly one.
    assert re.search(r'^\s+TRUSTED_PROXY_COUNT: "1"$', compose, flags=re.MULTILINE)
    # .env must not be able to raise it behind the operator's back.
    assert "TRUSTED_PROXY_COUNT=" not in (ROOT / ".env.example").read_text()


def test_the_proxy_overwrites_the_clients_forwarded_headers():
    caddyfile = (ROOT / "deploy" / "Caddyfile").read_text()
    directives = "\n".join(
        line.strip() for line in caddyfile.splitlines() if not line.strip().startswith("#")
    )
    assert "reverse_proxy web:8000" in directives
    assert "header_up X-Forwarded-For {remote_host}" in directives
    assert "header_up X-Forwarded-Proto {scheme}" in directives
    assert "trusted_proxies" not in directives


def test_without_a_proxy_forwarded_headers_are_not_trusted():
    shipped = _shipped_settings()
    assert shipped["proxy_count"] == 0
    assert shipped["ssl_header"] is None


def test_behind_the_compose_proxy_forwarded_proto_is_trusted():
    shipped = _shipped_settings(TRUSTED_PROXY_COUNT="1")
    assert shipped["proxy_count"] == 1
    assert shipped["ssl_header"] == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_a_spoofed_forwarded_proto_does_not_pass_for_https():
    shipped = _shipped_settings()
    with override_settings(
        SECURE_SSL_REDIRECT=shipped["ssl_redirect"],
        SECURE_PROXY_SSL_HEADER=shipped["ssl_header"],
    ):
        response = Client().get(reverse("home"), HTTP_X_FORWARDED_PROTO="https")
    # Still plain HTTP: sent to the https:// address rather than served as secure.
    assert response.status_code == 301
    assert response["Location"].startswith("https://")


@pytest.mark.django_db
def test_behind_the_proxy_a_spoofed_forwarded_for_does_not_reset_the_limit():
    """The proxy appends (or sets) the real client address last; with the count at one the
    application reads only that entry, whatever the client put before it."""
    shipped = _shipped_settings(TRUSTED_PROXY_COUNT="1")
    victim = AttorneyFactory()
    client = Client(REMOTE_ADDR="172.18.0.5")  # the proxy container
    with override_settings(ALLAUTH_TRUSTED_PROXY_COUNT=shipped["proxy_count"]):
        for n in range(10):
            response = client.post(
                reverse("account_login"),
                {"login": f"guess{n}@example.net", "password": "wrong"},
                HTTP_X_FORWARDED_FOR=f"198.51.100.{n}, 203.0.113.7",
            )
            assert LOCKED not in response.content.decode()
        response = client.post(
            reverse("account_login"),
            {"login": victim.email, "password": PASSWORD},
            HTTP_X_FORWARDED_FOR="192.0.2.99, 203.0.113.7",
        )
        assert LOCKED in response.content.decode()
        # Another real client behind the same proxy is not affected.
        other = client.post(
            reverse("account_login"),
            {"login": victim.email, "password": PASSWORD},
            HTTP_X_FORWARDED_FOR="203.0.113.8",
        )
        assert other.status_code == 302


def test_gunicorn_lets_long_library_addresses_through_to_the_library():
    """An address longer than the library's form can make gets the library's own answer (the
    "too many filters" page, or a long search cut with a notice), not a bare 400 from gunicorn:
    gunicorn's parser, with the shipped settings, takes a request line past MAX_QUERY_STRING."""
    import io

    from gunicorn.config import Config
    from gunicorn.http.errors import LimitRequestLine
    from gunicorn.http.parser import RequestParser

    import cgrs.gunicorn_conf
    from ta_library.views import MAX_QUERY_STRING

    target = "/library/?" + "&".join(["country=guatemala"] * 300)  # ~5,400 characters
    assert len(target) > MAX_QUERY_STRING
    raw = f"GET {target} HTTP/1.1\r\nHost: ta.example.org\r\n\r\n".encode()

    def parse(config):
        return next(iter(RequestParser(config, io.BytesIO(raw), ("203.0.113.9", 5000))))

    with pytest.raises(LimitRequestLine):
        parse(Config())  # gunicorn's default (4094): the reason the setting exists
    shipped = Config()
    shipped.set("limit_request_line", cgrs.gunicorn_conf.limit_request_line)
    request = parse(shipped)
    assert request.query.count("country=guatemala") == 300
