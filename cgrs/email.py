"""Every email the site sends, in one shape: from the TA program, signed by it, plain text
with an HTML alternative in the same words, links built from the site's configured address
(SITE_URL, which `make run` sets to where it serves), in the reader's language.

Our own emails call `send_email`; allauth's go through `accounts.adapter.AccountAdapter`,
which calls `html_alternative` for the same layout. Emails name no client, case detail or
country (SECURITY S11): the templates say "sign in to read it".
"""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation


def site_url(path: str = "/") -> str:
    """An absolute link to `path` on this site, for emails (which have no request)."""
    return settings.SITE_URL.rstrip("/") + path


def signed(body: str) -> str:
    """The plain-text email: the body, then the TA program's signature and the site's address."""
    return render_to_string("email/layout.txt", {"body": body.strip(), "site_url": site_url()})


def html_alternative(text: str) -> str:
    """The HTML version of a plain-text email: the same words in the branded layout."""
    return render_to_string("email/layout.html", {"text": text, "site_url": site_url()})


def send_email(
    *,
    to: Sequence[str],
    subject: str,
    template: str,
    context: dict | None = None,
    language: str | None = None,
    headers: dict | None = None,
) -> None:
    """Render `template` (a .txt body) inside the signed layout and send it as text + HTML.

    `language` is the reader's (their account's preferred language); staff notices pass
    none and go out in the site's default language.
    """
    with translation.override(language or settings.LANGUAGE_CODE):
        body = render_to_string(template, {"site_url": site_url(), **(context or {})})
        text = signed(body)
        message = EmailMultiAlternatives(
            subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + str(subject),
            body=text,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=list(to),
            headers=headers,
        )
        message.attach_alternative(html_alternative(text), "text/html")
    message.send()
