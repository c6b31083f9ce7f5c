"""Registration, contact details and follow-up forms: validation and widgets only."""

from __future__ import annotations

from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from accounts.models import FollowUpStatus, Organization, OrganizationType, Role
from accounts.permissions import is_clinic, names_organization
from accounts.selectors import organizations_matching
from accounts.services import (
    Affiliation,
    NewOrganization,
    ProSeDetails,
    account_profile_setup,
)
from accounts.us_states import US_STATE_CHOICES
from cgrs.forms import DateInput, clean_phone_number

OTHER = "other"
SOLO = "solo"
# The "Search" button of the organization picker (works without JavaScript).
FIND_ORGANIZATIONS = "find_organizations"


def _is_id(value: str) -> bool:
    # ASCII only: "²".isdigit() is True but int("²") fails.
    return value.isascii() and value.isdigit() and len(value) <= 18


def language_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("Preferred language"),
        choices=settings.LANGUAGES,
        widget=forms.RadioSelect,
        help_text=_("We will write to you in this language when we can."),
    )


class OrganizationPickerMixin:
    """The organization question: a searchable list of known organizations, "(Other)" to
    register a new one, or "Solo practitioner".

    Without JavaScript, the search box and its Search button reload the form with the
    matching organizations in the list; organization-picker.js does the same as you type.
    """

    allow_solo = True
    organization_label = _("Your organization")

    def _add_organization_fields(self, data_source) -> None:
        self.fields["organization_query"] = forms.CharField(
            label=_("Search for your organization"),
            required=False,
            max_length=100,
            help_text=_("Type part of the name, then choose it from the list below."),
            widget=forms.TextInput(
                attrs={"type": "search", "autocomplete": "off", "data-organization-search": ""}
            ),
        )
        self.fields["organization"] = forms.ChoiceField(
            label=self.organization_label,
            choices=self._organization_choices(data_source),
            help_text=_(
                'If your organization is not listed, choose "(Other)" and tell us about it below.'
            ),
            error_messages={
                "required": (
                    _('Choose your organization, "(Other)", or "Solo practitioner".')
                    if self.allow_solo
                    else _('Choose your organization, or "(Other)".')
                ),
                "invalid_choice": _(
                    "We could not find that organization. Search again and choose it from the "
                    'list, or choose "(Other)".'
                ),
            },
            widget=forms.Select(attrs={"data-organization-select": ""}),
        )
        self.fields["new_organization_name"] = forms.CharField(
            label=_("Organization name"), required=False, max_length=200
        )
        self.fields["new_organization_type"] = forms.ChoiceField(
            label=_("Type of organization"),
            required=False,
            choices=[("", _("Choose a type")), *OrganizationType.choices],
        )
        self.fields["new_organization_city"] = forms.CharField(
            label=_("City"), required=False, max_length=100
        )
        self.fields["new_organization_state"] = forms.ChoiceField(
            label=_("State"),
            required=False,
            choices=[("", _("Choose a state")), *US_STATE_CHOICES],
        )

    def _organization_choices(self, data_source) -> list[tuple[str, str]]:
        query = (data_source.get("organization_query") or "").strip()
        selected = str(data_source.get("organization") or "")
        matches = list(organizations_matching(query))
        choices = [(str(org.pk), str(org)) for org in matches]
        if _is_id(selected) and selected not in {value for value, _label in choices}:
            # Keep the chosen organization in the list after a search for something else.
            chosen = Organization.objects.filter(pk=int(selected)).first()
            if chosen is not None:
                choices.insert(0, (str(chosen.pk), str(chosen)))
        placeholder = (
            _("Choose your organization") if choices else _("No organization matches your search")
        )
        extra = [(OTHER, _("(Other) — my organization is not listed"))]
        if self.allow_solo:
            extra.append((SOLO, _("Solo practitioner")))
        return [("", placeholder), *choices, *extra]

    def _clean_affiliation(self, cleaned: dict) -> Affiliation | None:
        choice = cleaned.get("organization")
        if not choice:
            return None
        if choice == SOLO and self.allow_solo:
            return Affiliation(solo=True)
        if choice == OTHER:
            missing = False
            for name, message in [
                ("new_organization_name", _("Enter the name of your organization.")),
                ("new_organization_type", _("Choose the type of your organization.")),
                ("new_organization_city", _("Enter the city of your organization.")),
                ("new_organization_state", _("Choose the state of your organization.")),
            ]:
                if not (cleaned.get(name) or "").strip():
                    self.add_error(name, message)
                    missing = True
            if missing:
                return None
            return Affiliation(
                new_organization=NewOrganization(
                    name=cleaned["new_organization_name"],
                    type=cleaned["new_organization_type"],
                    city=cleaned["new_organization_city"],
                    state=cleaned["new_organization_state"],
                )
            )
        organization = (
            Organization.objects.filter(pk=int(choice)).first() if _is_id(choice) else None
        )
        if organization is None:
            self.add_error(
                "organization", self.fields["organization"].error_messages["invalid_choice"]
            )
            return None
        return Affiliation(organization=organization)


def _data_source(data, initial) -> dict:
    if data is not None:
        return data
    return initial or {}


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
                _data_source(self.data if self.is_bound else None, self.initial)
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
                _data_source(self.data if self.is_bound else None, self.initial)
            )

    def clean_phone(self):
        return clean_phone_number(self.cleaned_data.get("phone", ""))

    def clean(self):
        cleaned = super().clean()
        self.affiliation = self._clean_affiliation(cleaned) if self.asks_organization else None
        return cleaned


class ResendVerificationForm(forms.Form):
    email = forms.EmailField(label=_("Email address"), max_length=254)


class FollowUpForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=FollowUpStatus.choices)
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("For staff only. Never shown to the registrant."),
    )
