"""The language a person reads the site in: one cookie, also kept on their account."""

from __future__ import annotations

from django.conf import settings


def is_language(code: str) -> bool:
    return code in dict(settings.LANGUAGES)


def remember_language(response, code: str) -> None:
    """The same cookie Django's set_language view writes."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
