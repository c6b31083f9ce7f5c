"""Staff two-factor enrolment needs more than the password (issue 14, item 8).

A staff account without an authenticator would otherwise let whoever holds its password
enrol their own authenticator app and own the account. Before allauth's "activate TOTP" page
opens for such an account, the person confirms through a link emailed to the account's
address, opened in the same signed-in browser session (allauth also asks for a fresh sign-in
on that page)."""

from __future__ import annotations

import secrets

from allauth.mfa.totp.views import activate_totp
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from accounts.permissions import is_cgrs_staff, staff_has_two_factor

SALT = "accounts.staff-two-factor-enrolment"
LINK_MAX_AGE = 30 * 60
NONCE_KEY = "cgrs_two_factor_enrolment_nonce"
CONFIRMED_KEY = "cgrs_two_factor_enrolment_confirmed"


def enrolment_confirmed(request) -> bool:
    return request.session.get(CONFIRMED_KEY) == request.user.pk


def enrolment_link_send(request) -> None:
    """Email the signed-in staff member a link that confirms enrolment for this session."""
    nonce = secrets.token_urlsafe(16)
    request.session[NONCE_KEY] = nonce
    token = signing.dumps({"u": request.user.pk, "n": nonce}, salt=SALT)
    url = request.build_absolute_uri(reverse("accounts:two_factor_confirm", args=[token]))
    send_mail(
        settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + _("Confirm setting up two-factor authentication"),
        _(
            "Someone signed in to your CGRS staff account and wants to set up two-factor "
            "authentication for it. If it was you, open this link in the same browser within "
            "30 minutes:\n\n%(url)s\n\nIf it was not you, do not open the link: change your "
            "password and tell the site administrator."
        )
        % {"url": url},
        settings.DEFAULT_FROM_EMAIL,
        [request.user.email],
    )


def enrolment_confirm(request, token: str) -> bool:
    try:
        payload = signing.loads(token, salt=SALT, max_age=LINK_MAX_AGE)
    except signing.BadSignature:
        return False
    nonce = request.session.get(NONCE_KEY)
    # SECURITY: the link works only for the account it was sent to, in the session that asked.
    if not nonce or payload != {"u": request.user.pk, "n": nonce}:
        return False
    request.session[CONFIRMED_KEY] = request.user.pk
    request.session.pop(NONCE_KEY, None)
    return True


def _staff_without_two_factor(request):
    """None when the request may go on; else the response that stops it."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not is_cgrs_staff(request.user):
        raise PermissionDenied
    if staff_has_two_factor(request.user):
        return redirect("mfa_index")
    return None


@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
def enrolment_start(request):
    refusal = _staff_without_two_factor(request)
    if refusal is not None:
        return refusal
    if enrolment_confirmed(request):
        return redirect("mfa_activate_totp")
    sent = False
    if request.method == "POST":
        enrolment_link_send(request)
        sent = True
    return render(request, "accounts/two_factor_enrolment.html", {"sent": sent})


@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
def enrolment_confirm_view(request, token: str):
    """GET shows a button (mail scanners follow links); the POST confirms."""
    refusal = _staff_without_two_factor(request)
    if refusal is not None:
        return refusal
    if request.method == "POST":
        if enrolment_confirm(request, token):
            return redirect("mfa_activate_totp")
        messages.error(
            request,
            _(
                "This link has expired, was meant for another session, or was already used. "
                "Ask for a new one, and open it in the browser where you are signed in."
            ),
        )
        return redirect("accounts:two_factor_enrolment")
    return render(request, "accounts/two_factor_confirm.html")


def activate_totp_gate(request, *args, **kwargs):
    """allauth's "activate TOTP" page, reached by staff only after the emailed confirmation."""
    user = request.user
    if is_cgrs_staff(user) and not staff_has_two_factor(user) and not enrolment_confirmed(request):
        return redirect("accounts:two_factor_enrolment")
    return activate_totp(request, *args, **kwargs)
