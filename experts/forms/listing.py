"""What an expert or a clinic enters for their listing."""

from __future__ import annotations

from django import forms
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from accounts.us_states import US_STATE_CHOICES
from cgrs.forms import clean_phone_number, lines_as_list
from experts.files import CVRejected, check_cv
from experts.models import LANGUAGE_CHOICES, Availability, ExpertType, FeeTerms
from experts.services.listing import ListingDetails
from taxonomy.models import PersecutionType

TYPE_ORDER = list(ExpertType.values)
LANGUAGE_ORDER = [code for code, _label in LANGUAGE_CHOICES]
STATE_ORDER = [code for code, _name in US_STATE_CHOICES]
MAX_OTHER_TOPICS = 10
MAX_OTHER_TOPIC_LENGTH = 100
ACCEPTING_CHOICES = [
    (Availability.ACCEPTING, _("Yes, I am accepting new cases")),
    (Availability.NOT_ACCEPTING, _("No, not at the moment")),
]


class ListingForm(forms.Form):
    """What an expert enters. The clinic form below changes the wording and expert types."""

    display_name = forms.CharField(
        label=_("Name as it should appear"),
        max_length=200,
        help_text=_("e.g. Dr. Ana Morales, PhD"),
    )
    credentials = forms.CharField(
        label=_("Credentials"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Degrees, licenses, positions and field experience that qualify you. CGRS staff "
            "check these before listing you; changing them later sends your listing back for "
            "review."
        ),
    )
    affiliation = forms.CharField(
        label=_("Affiliation (optional)"),
        max_length=200,
        required=False,
        help_text=_("University, hospital or organization, if any."),
    )
    expert_types = forms.ChoiceField(
        label=_("Expert type"),
        choices=ExpertType.choices,
        widget=forms.RadioSelect,
        help_text=_("Changing it later sends your listing back for review."),
    )
    countries = forms.MultipleChoiceField(
        label=_("Countries of expertise"),
        choices=list(countries),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Country conditions experts only. Hold Ctrl (Cmd on a Mac) to choose several."),
        error_messages={"invalid_choice": _("Choose countries from the list.")},
    )
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics of expertise (optional)"),
        queryset=PersecutionType.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The types of persecution you can speak to."),
        error_messages={
            "invalid_choice": _("Choose from the listed topics."),
            "invalid_pk_value": _("Choose from the listed topics."),
        },
    )
    other_topics = forms.CharField(
        label=_("Other topics (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One per line, e.g. Indigenous communities, prison conditions."),
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages you work in"),
        choices=LANGUAGE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose languages from the list.")},
    )
    works_remotely = forms.BooleanField(label=_("I can work remotely"), required=False)
    in_person_states = forms.MultipleChoiceField(
        label=_("States where I can work in person (optional)"),
        choices=US_STATE_CHOICES,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        error_messages={"invalid_choice": _("Choose states from the list.")},
    )
    detention_visits = forms.BooleanField(
        label=_("I can visit clients in detention facilities"), required=False
    )
    fee_terms = forms.ChoiceField(
        label=_("Fees"), choices=FeeTerms.choices, widget=forms.RadioSelect
    )
    fee_details = forms.CharField(
        label=_("Fee details (optional)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("e.g. hourly rate, flat fee for a declaration, when you waive fees."),
    )
    availability = forms.ChoiceField(
        label=_("Are you accepting new cases?"),
        choices=ACCEPTING_CHOICES,
        widget=forms.RadioSelect,
        help_text=_(
            "We will ask you to reconfirm every 90 days; otherwise your listing shows your "
            "availability as unknown."
        ),
    )
    contact_email = forms.EmailField(label=_("Contact email for attorneys"))
    phone = forms.CharField(label=_("Phone (optional)"), max_length=32, required=False)
    website = forms.URLField(
        label=_("Website (optional)"),
        max_length=300,
        required=False,
        assume_scheme="https",
        validators=[URLValidator(schemes=["http", "https"])],
        error_messages={"invalid": _("Enter a web address, e.g. https://example.org.")},
    )
    cv = forms.FileField(
        label=_("CV (PDF)"),
        required=False,
        widget=forms.FileInput(attrs={"accept": "application/pdf,.pdf"}),
        help_text=_("A PDF of at most 10 MB. Required before you submit your listing."),
    )
    publications = forms.CharField(
        label=_("Publications (optional)"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    testimony_count = forms.IntegerField(
        label=_("Times you have testified or submitted a declaration"),
        min_value=0,
        max_value=10000,
        initial=0,
    )
    testimony_courts = forms.CharField(
        label=_("Where you have testified (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("e.g. immigration courts in San Francisco and Houston, asylum offices."),
    )

    def clean_phone(self) -> str:
        return clean_phone_number(self.cleaned_data["phone"])

    def clean_expert_types(self) -> list[str]:
        return [self.cleaned_data["expert_types"]]

    def clean_other_topics(self) -> list[str]:
        return lines_as_list(
            self.cleaned_data["other_topics"],
            max_items=MAX_OTHER_TOPICS,
            max_length=MAX_OTHER_TOPIC_LENGTH,
            too_many=_("Enter at most %(max)s other topics."),
            too_long=_("Each topic can be at most %(max)s characters."),
        )

    def clean_cv(self):
        upload = self.cleaned_data.get("cv")
        if not upload:
            return None
        try:
            check_cv(upload)
        except CVRejected as rejection:
            raise forms.ValidationError(str(rejection)) from None
        return upload

    def clean(self):
        data = super().clean()
        types = data.get("expert_types") or []
        country_conditions = ExpertType.COUNTRY_CONDITIONS in types
        if "countries" in data and types:
            if country_conditions and not data["countries"]:
                self.add_error(
                    "countries", _("Choose at least one country for country conditions work.")
                )
            elif not country_conditions and data["countries"]:
                self.add_error(
                    "countries",
                    _(
                        "Countries of expertise apply only to country conditions experts. "
                        "Clear them or choose “Country conditions”."
                    ),
                )
        if not (
            data.get("works_remotely")
            or data.get("in_person_states")
            or data.get("detention_visits")
        ) and not self.errors.get("in_person_states"):
            self.add_error(
                "works_remotely",
                _("Say where you can work: remotely, in person in some states, or in detention."),
            )
        return data

    def details(self) -> ListingDetails:
        """The answers as the service's input, multi-valued answers in a stable order (so an
        unchanged save does not log a change)."""
        data = self.cleaned_data
        return ListingDetails(
            display_name=data["display_name"].strip(),
            credentials=data["credentials"].strip(),
            affiliation=data["affiliation"].strip(),
            expert_types=sorted(set(data["expert_types"]), key=TYPE_ORDER.index),
            countries=sorted(set(data["countries"])),
            topics=list(data["topics"]),
            other_topics=data["other_topics"],
            languages=sorted(set(data["languages"]), key=LANGUAGE_ORDER.index),
            works_remotely=data["works_remotely"],
            in_person_states=sorted(set(data["in_person_states"]), key=STATE_ORDER.index),
            detention_visits=data["detention_visits"],
            fee_terms=data["fee_terms"],
            fee_details=data["fee_details"].strip(),
            availability=data["availability"],
            contact_email=data["contact_email"],
            phone=data["phone"],
            website=data["website"],
            publications=data["publications"].strip(),
            testimony_count=data["testimony_count"],
            testimony_courts=data["testimony_courts"].strip(),
        )

    @classmethod
    def initial_for(cls, listing) -> dict:
        return {
            "display_name": listing.display_name,
            "credentials": listing.credentials,
            "affiliation": listing.affiliation,
            "expert_types": listing.expert_types[0] if listing.expert_types else "",
            "countries": listing.countries,
            "topics": list(listing.topics.all()),
            "other_topics": "\n".join(listing.other_topics),
            "languages": listing.languages,
            "works_remotely": listing.works_remotely,
            "in_person_states": listing.in_person_states,
            "detention_visits": listing.detention_visits,
            "fee_terms": listing.fee_terms,
            "fee_details": listing.fee_details,
            "availability": (
                listing.availability
                if listing.availability in (Availability.ACCEPTING, Availability.NOT_ACCEPTING)
                else ""
            ),
            "contact_email": listing.contact_email,
            "phone": listing.phone,
            "website": listing.website,
            "publications": listing.publications,
            "testimony_count": listing.testimony_count,
            "testimony_courts": listing.testimony_courts,
        }


class ClinicListingForm(ListingForm):
    """A clinic's listing: several evaluation types, no CV."""

    expert_types = forms.MultipleChoiceField(
        label=_("Evaluations offered"),
        choices=ExpertType.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Changing them later sends the listing back for review."),
        error_messages={"invalid_choice": _("Choose from the listed evaluation types.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["cv"]
        self.fields["display_name"].label = _("Clinic name as it should appear")
        self.fields["display_name"].help_text = ""
        self.fields["credentials"].label = _("About the clinic and its clinicians")
        self.fields["credentials"].help_text = _(
            "Who performs evaluations and their licenses. CGRS staff check these before "
            "listing the clinic."
        )
        self.fields["languages"].label = _("Languages evaluations are offered in")
        self.fields["works_remotely"].label = _("Remote evaluations")
        self.fields["in_person_states"].label = _("States served in person (optional)")
        self.fields["detention_visits"].label = _("Evaluations in detention facilities")
        self.fields["availability"].label = _("Is the clinic accepting new cases?")
        self.fields["testimony_count"].label = _("Evaluations or declarations provided so far")

    def clean_expert_types(self) -> list[str]:
        return list(self.cleaned_data["expert_types"])

    def clean_cv(self):
        return None

    @classmethod
    def initial_for(cls, listing) -> dict:
        initial = super().initial_for(listing)
        initial["expert_types"] = listing.expert_types
        return initial
