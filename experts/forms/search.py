"""The attorneys' search of the Expert Witness Database: its filters."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from experts.models import LANGUAGE_CHOICES, ExpertType, FeeTerms


class SearchForm(forms.Form):
    """The search's filter state, read from the query string. Invalid values get an error and
    are ignored; the other filters still apply."""

    type = forms.ChoiceField(choices=ExpertType.choices, required=False)
    country = forms.ChoiceField(
        choices=[("", ""), *countries],
        required=False,
        error_messages={
            "invalid_choice": _("We do not know that country. Choose one from the list.")
        },
    )
    topic = forms.MultipleChoiceField(
        required=False,
        error_messages={"invalid_choice": _("Choose topics from the list.")},
    )
    fee = forms.MultipleChoiceField(
        choices=FeeTerms.choices,
        required=False,
        error_messages={"invalid_choice": _("Choose fee terms from the list.")},
    )
    language = forms.MultipleChoiceField(
        choices=LANGUAGE_CHOICES,
        required=False,
        error_messages={"invalid_choice": _("Choose languages from the list.")},
    )
    accepting = forms.BooleanField(required=False)
    clinic = forms.BooleanField(required=False)

    def __init__(self, *args, topic_slugs: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = [(slug, slug) for slug in topic_slugs]

    def clean(self):
        data = super().clean()
        if data.get("country") and data.get("type") != ExpertType.COUNTRY_CONDITIONS:
            self.add_error(
                "country",
                _(
                    "A country applies only to country conditions experts. Choose “Country "
                    "conditions” or clear the country."
                ),
            )
        return data

    def filters(self) -> dict:
        """The valid filters (an invalid field is left out, never guessed)."""
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        return {
            "type": data.get("type") or "",
            "country": data.get("country") or "",
            "topic": data.get("topic") or [],
            "fee": data.get("fee") or [],
            "language": data.get("language") or [],
            "accepting": bool(data.get("accepting")),
            "clinic": bool(data.get("clinic")),
        }
