"""Asking for the email verification link again."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class ResendVerificationForm(forms.Form):
    email = forms.EmailField(label=_("Email address"), max_length=254)
