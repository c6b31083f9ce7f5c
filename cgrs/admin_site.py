"""The Django admin behind the same door as the rest of the site.

Its own login form is replaced by allauth's (rate limits, the same sign-in page), and a staff
member without two-factor authentication is sent to set it up before any admin page opens.
"""

from allauth.account.decorators import secure_admin_login
from django import forms
from django.contrib import admin
from django.db import models
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _

from accounts.permissions import is_cgrs_staff, staff_has_two_factor

# Tag choices (taxonomy, expert topics) as plain checkbox lists: Django's two-box
# filter_horizontal widget builds controls that fail axe (aria-label on a bare span) and is
# awkward by keyboard, and no list here is longer than a few dozen entries.
TAG_CHECKBOXES = {
    models.ManyToManyField: {
        "widget": forms.CheckboxSelectMultiple(attrs={"class": "admin-checkbox-list"})
    }
}


class CgrsAdminSite(admin.AdminSite):
    site_header = _("CGRS Technical Assistance — staff")
    site_title = _("CGRS TA admin")
    index_title = _("Curation")

    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)

        def guarded(request, *args, **kwargs):
            user = request.user
            # SECURITY: staff must have a TOTP authenticator before the admin opens.
            if is_cgrs_staff(user) and not staff_has_two_factor(user):
                return redirect("mfa_activate_totp")
            return inner(request, *args, **kwargs)

        guarded.__wrapped__ = inner
        return guarded

    def login(self, request, extra_context=None):
        # SECURITY: signing in happens on allauth's page (rate limits, two-factor).
        return secure_admin_login(super().login)(request, extra_context)
