"""The organization question shared by registration and contact details (pick a known
organization, register a new one, or say solo practice), and the preferred-language field
both ask."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from accounts.models import Organization, OrganizationType
from accounts.selectors import organizations_matching
from accounts.services import (
    Affiliation,
    NewOrganization,
)
from accounts.us_states import US_STATE_CHOICES

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


def data_source(data, initial) -> dict:
    if data is not None:
        return data
    return initial or {}
