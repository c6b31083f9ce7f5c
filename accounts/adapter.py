"""Our allauth adapter: everything allauth does, plus the person's own language at sign-in."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings


class AccountAdapter(DefaultAccountAdapter):
    def post_login(self, request, user, **kwargs):
        """After sign-in (including the one that follows email verification), show the site
        in the language the person chose at registration or on their contact details."""
        response = super().post_login(request, user, **kwargs)
        language = getattr(user, "preferred_language", "")
        if language in dict(settings.LANGUAGES) and hasattr(response, "set_cookie"):
            # The same cookie Django's set_language view writes.
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                path=settings.LANGUAGE_COOKIE_PATH,
                domain=settings.LANGUAGE_COOKIE_DOMAIN,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
        return response
