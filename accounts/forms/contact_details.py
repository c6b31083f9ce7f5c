"""Anyone's own contact details, and the organization for those who name one."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.forms.organization_picker import (
    SOLO,
    OrganizationPickerMixin,
    data_source,
    language_field,
)
from accounts.forms.registration import ClinicRegistrationForm
from accounts.permissions import is_clinic, names_organization
from cgrs.forms import clean_phone_number


class ContactDetailsForm(OrganizationPickerMixin, forms.Form):
    """Anyone's own contact details; the organization for everyone but pro se users."""

    full_name = forms.CharField(label=_("Your full name"), max_length=200)
    phone = forms.CharField(
        label=_("Phone"),
        required=False,
        max_length=32,
        help_text=_("Optional."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        self.asks_organization = names_organization(user)
        self.allow_solo = not is_clinic(user)
        if is_clinic(user):
            self.organization_label = ClinicRegistrationForm.organization_label
        kwargs.setdefault(
            "initial",
            {
                "full_name": user.full_name,
                "phone": user.phone,
                "preferred_language": user.preferred_language,
                "organization": (
                    str(user.organization_id)
                    if user.organization_id
                    else (SOLO if user.is_solo_practitioner else "")
                ),
            },
        )
        super().__init__(*args, **kwargs)
        self.fields["preferred_language"] = language_field()
        if self.asks_organization:
            self._add_organization_fields(
                data_source(self.data if self.is_bound else None, self.initial)
            )

    def clean_phone(self):
        return clean_phone_number(self.cleaned_data.get("phone", ""))

    def clean(self):
        cleaned = super().clean()
        self.affiliation = self._clean_affiliation(cleaned) if self.asks_organization else None
        return cleaned
