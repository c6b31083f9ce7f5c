"""The digest email: counts and links only, in the person's language."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from alerts.models import Digest
from alerts.tokens import unsubscribe_token


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def digest_message(digest: Digest) -> EmailMultiAlternatives:
    """The email for `digest`. It names no case, client detail or country (SECURITY S11:
    email is not a safe channel): "3 new resources for 2 of your cases" and links to the
    page behind sign-in that lists them."""
    user = digest.user
    unsubscribe_url = _absolute(reverse("alerts:unsubscribe", args=[unsubscribe_token(user.pk)]))
    with translation.override(user.preferred_language or "en"):
        context = {
            "digest": digest,
            "list_url": _absolute(reverse("alerts:new_resources")),
            "settings_url": _absolute(reverse("accounts:my_account")) + "#case-alerts",
            "unsubscribe_url": unsubscribe_url,
        }
        subject = render_to_string("alerts/email/digest_subject.txt", context).strip()
        text = render_to_string("alerts/email/digest.txt", context)
        html = render_to_string("alerts/email/digest.html", context)
    message = EmailMultiAlternatives(
        subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
        headers={
            # RFC 8058 one-click unsubscribe: mail clients POST to the link; the token in it
            # is the only authority needed, and it expires.
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(html, "text/html")
    return message
