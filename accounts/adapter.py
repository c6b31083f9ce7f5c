"""Our allauth adapter: everything allauth does, plus the person's own language at sign-in."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter

from cgrs.language import is_language, remember_language


class AccountAdapter(DefaultAccountAdapter):
    def post_login(self, request, user, **kwargs):
        """After sign-in (including the one that follows email verification), show the site
        in the language the person chose at registration or on their contact details."""
        response = super().post_login(request, user, **kwargs)
        language = getattr(user, "preferred_language", "")
        if is_language(language) and hasattr(response, "set_cookie"):
            remember_language(response, language)
        return response
