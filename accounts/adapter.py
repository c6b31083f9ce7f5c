"""Our allauth adapter: everything allauth does, plus the person's own language at sign-in and
allauth's emails in the site's own signed layout (cgrs.email)."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from django.core.mail import EmailMultiAlternatives
from django.utils import translation

from accounts.selectors import reader_language
from cgrs.email import html_alternative, signed
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

    def render_mail(self, template_prefix, email, context, headers=None):
        """Our templates for allauth's emails (templates/account/email/), in the reader's own
        language, signed by the TA program, with the same words as HTML."""
        language = reader_language(
            email, user=context.get("user"), default=translation.get_language() or "en"
        )
        with translation.override(language):
            message = super().render_mail(template_prefix, email, context, headers)
            message.body = signed(message.body)
            if isinstance(message, EmailMultiAlternatives) and not message.alternatives:
                message.attach_alternative(html_alternative(message.body), "text/html")
        return message
