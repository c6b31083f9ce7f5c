"""The outcome form: validation and widgets only."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cgrs.forms import DateInput, lines_as_list
from outcomes.models import AdjudicatorLevel, Appeal, Decision, DenialReason, Ground

MAX_PSG_FORMULATIONS = 10
MAX_PSG_LENGTH = 500


class OutcomeForm(forms.Form):
    # Issued with the form; the same token submitted twice finds the outcome it created.
    submission_token = forms.UUIDField(
        widget=forms.HiddenInput,
        error_messages={
            "required": _("This form has expired. Please reload the page and submit again."),
            "invalid": _("This form has expired. Please reload the page and submit again."),
        },
    )
    decided_on = forms.DateField(
        label=_("Date of decision"),
        widget=DateInput,
        help_text=_("The date on the decision, as YYYY-MM-DD if your browser asks."),
        error_messages={"invalid": _("Enter a date as YYYY-MM-DD.")},
    )
    adjudicator_level = forms.ChoiceField(
        label=_("Adjudicator level"),
        choices=AdjudicatorLevel.choices,
        widget=forms.RadioSelect,
        help_text=_("Who decided: the asylum office, an immigration judge, the BIA or a court."),
    )
    location = forms.CharField(
        label=_("Immigration court or asylum office location (optional)"),
        required=False,
        max_length=120,
        help_text=_("e.g. San Francisco Immigration Court, Houston Asylum Office."),
    )
    adjudicator_name = forms.CharField(
        label=_("Judge or adjudicator name (optional)"),
        required=False,
        max_length=120,
        help_text=_("Helps CGRS follow trends by adjudicator. Skip it if you prefer."),
    )
    decision = forms.ChoiceField(
        label=_("Outcome"),
        choices=Decision.choices,
        widget=forms.RadioSelect,
        help_text=_("If protection was granted on more than one basis, choose the highest."),
    )
    grounds = forms.MultipleChoiceField(
        label=_("Grounds addressed (optional)"),
        choices=Ground.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Every protected ground the decision discussed, whatever it found."),
    )
    psg_formulations = forms.CharField(
        label=_("Particular social group formulations argued (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "One formulation per line, in the words you used, e.g. “Guatemalan women who are "
            "unable to leave their domestic relationship”."
        ),
    )
    denial_reasons = forms.MultipleChoiceField(
        label=_("Reasons for denial (if denied)"),
        choices=DenialReason.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only when the outcome was a denial. Select every reason given."),
    )
    denial_reasons_text = forms.CharField(
        label=_("Reasons for denial, in your words (optional)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    appeal = forms.ChoiceField(
        label=_("Was the decision appealed? (optional)"),
        choices=Appeal.choices,
        required=False,
        widget=forms.RadioSelect,
        help_text=_(
            "By either side. An appeal moves the case's procedural stage forward, e.g. an "
            "appealed immigration judge decision moves the case to the BIA."
        ),
    )
    notes = forms.CharField(
        label=_("Notes (optional)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Do not include your client's name, A-number or date of birth."),
    )

    def clean_decided_on(self):
        decided_on = self.cleaned_data["decided_on"]
        if decided_on > timezone.localdate():
            raise forms.ValidationError(_("The date of decision cannot be in the future."))
        return decided_on

    def clean_psg_formulations(self) -> list[str]:
        return lines_as_list(
            self.cleaned_data["psg_formulations"],
            max_items=MAX_PSG_FORMULATIONS,
            max_length=MAX_PSG_LENGTH,
            too_many=_("Enter at most %(max)s formulations."),
            too_long=_("Each formulation can be at most %(max)s characters."),
        )

    def clean(self):
        data = super().clean()
        decision = data.get("decision")
        if decision and decision != Decision.DENIED:
            if data.get("denial_reasons"):
                self.add_error(
                    "denial_reasons",
                    _("Reasons for denial apply only to a denial. Clear them or choose “Denied”."),
                )
            if (data.get("denial_reasons_text") or "").strip():
                self.add_error(
                    "denial_reasons_text",
                    _("Reasons for denial apply only to a denial. Clear them or choose “Denied”."),
                )
        return data

    def outcome_answers(self) -> dict:
        data = self.cleaned_data
        return {
            "submission_token": data["submission_token"],
            "decided_on": data["decided_on"],
            "adjudicator_level": data["adjudicator_level"],
            "decision": data["decision"],
            "location": data["location"].strip(),
            "adjudicator_name": data["adjudicator_name"].strip(),
            "grounds": data["grounds"],
            "psg_formulations": data["psg_formulations"],
            "denial_reasons": data["denial_reasons"],
            "denial_reasons_text": data["denial_reasons_text"].strip(),
            "appeal": data["appeal"],
            "notes": data["notes"].strip(),
        }
