"""Registration: one form per account type, on top of allauth's signup."""

from __future__ import annotations

from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from accounts.forms.organization_picker import (
    OrganizationPickerMixin,
    data_source,
    language_field,
)
from accounts.models import Role
from accounts.services import (
    ProSeDetails,
    account_profile_setup,
)
from cgrs.forms import DateInput, clean_phone_number


class RegistrationForm(OrganizationPickerMixin, AllauthSignupForm):
    """allauth's signup form (email, passwords, rate limits, verification) plus our profile.

    One subclass per account type; the signup view picks it from the URL.
    """

    account_type: str = ""
    # What the "check your email" page tells them comes next: "intake", "listing", "follow_up".
    next_step: str = ""
    asks_organization = True
    field_order = [
        "full_name",
        "email",
        "password1",
        "password2",
        "phone",
        "preferred_language",
        "organization_query",
        "organization",
        "new_organization_name",
        "new_organization_type",
        "new_organization_city",
        "new_organization_state",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["full_name"] = forms.CharField(label=_("Your full name"), max_length=200)
        self.fields["phone"] = forms.CharField(
            label=_("Phone"),
            required=False,
            max_length=32,
            help_text=_("Optional."),
            widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
        )
        self.fields["preferred_language"] = language_field()
        self.fields["preferred_language"].initial = (get_language() or "en")[:2]
        self.fields["full_name"].widget.attrs["autocomplete"] = "name"
        if self.asks_organization:
            self._add_organization_fields(
                data_source(self.data if self.is_bound else None, self.initial)
            )
        self.order_fields(self.field_order)

    def clean_phone(self):
        return clean_phone_number(self.cleaned_data.get("phone", ""))

    def clean(self):
        cleaned = super().clean()
        self.affiliation = self._clean_affiliation(cleaned) if self.asks_organization else None
        return cleaned

    def pro_se_details(self) -> ProSeDetails | None:
        return None

    def save(self, request):
        # The user, their email address, organization and follow-up item commit together.
        with transaction.atomic():
            return super().save(request)

    def custom_signup(self, request, user):
        data = self.cleaned_data
        account_profile_setup(
            user=user,
            account_type=self.account_type,
            full_name=data["full_name"],
            phone=data.get("phone", ""),
            preferred_language=data["preferred_language"],
            affiliation=self.affiliation,
            pro_se=self.pro_se_details(),
        )


class AttorneyRegistrationForm(RegistrationForm):
    account_type = Role.ATTORNEY
    next_step = "intake"


class ExpertRegistrationForm(RegistrationForm):
    account_type = Role.EXPERT
    next_step = "listing"
    organization_label = _("Your organization or institution")


class ClinicRegistrationForm(RegistrationForm):
    account_type = Role.CLINIC
    next_step = "listing"
    allow_solo = False
    organization_label = _("Your clinic or organization")


HEARING_CHOICES = [("yes", _("Yes")), ("no", _("No")), ("unsure", _("I am not sure"))]


class ProSeRegistrationForm(RegistrationForm):
    """Short and in plain language; everything after the password is optional."""

    account_type = Role.PRO_SE
    next_step = "follow_up"
    asks_organization = False
    field_order = [
        "full_name",
        "email",
        "password1",
        "password2",
        "preferred_language",
        "phone",
        "country_of_origin",
        "upcoming_hearing",
        "hearing_date",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["full_name"].label = _("Your name")
        self.fields["phone"].help_text = _("Optional. Staff may call you at this number.")
        self.fields["country_of_origin"] = forms.ChoiceField(
            label=_("Country you come from"),
            required=False,
            choices=[("", _("Choose a country (optional)")), *countries],
            help_text=_("Optional."),
        )
        self.fields["upcoming_hearing"] = forms.ChoiceField(
            label=_("Do you have a court hearing or interview coming up?"),
            required=False,
            choices=HEARING_CHOICES,
            widget=forms.RadioSelect,
            help_text=_("Optional."),
        )
        self.fields["hearing_date"] = forms.DateField(
            label=_("Date of the hearing or interview"),
            required=False,
            widget=DateInput,
            help_text=_("Optional. If you know it."),
            error_messages={"invalid": _("Enter the date like this: 2027-03-31.")},
        )
        self.order_fields(self.field_order)

    def clean(self):
        cleaned = super().clean()
        hearing_date = cleaned.get("hearing_date")
        if hearing_date is not None:
            if cleaned.get("upcoming_hearing") == "no":
                self.add_error(
                    "hearing_date",
                    _('You answered "No" about a hearing. Remove the date or change the answer.'),
                )
            elif hearing_date < timezone.localdate():
                self.add_error("hearing_date", _("This date has passed. Enter a future date."))
        return cleaned

    def pro_se_details(self) -> ProSeDetails:
        data = self.cleaned_data
        answer = data.get("upcoming_hearing")
        has_hearing = {"yes": True, "no": False}.get(answer)
        if data.get("hearing_date") and has_hearing is None:
            has_hearing = True
        return ProSeDetails(
            country_of_origin=data.get("country_of_origin") or "",
            has_upcoming_hearing=has_hearing,
            hearing_date=data.get("hearing_date"),
        )


REGISTRATION_FORMS: dict[str, type[RegistrationForm]] = {
    Role.ATTORNEY: AttorneyRegistrationForm,
    Role.PRO_SE: ProSeRegistrationForm,
    Role.EXPERT: ExpertRegistrationForm,
    Role.CLINIC: ClinicRegistrationForm,
}
