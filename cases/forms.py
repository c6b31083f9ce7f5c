"""The case intake and edit forms: validation and widgets only."""

from __future__ import annotations

from django import forms
from django.forms import formset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from cases.models import AgeGroup, ClientGender, DetentionStatus
from cases.services import DeadlineInput
from cgrs.forms import DateInput
from taxonomy.models import PersecutionType, ProceduralStage, ProtectionType

YES_NO = [("yes", _("Yes")), ("no", _("No"))]
DEADLINE_ROWS_ON_INTAKE = 3
DEADLINE_ROWS_EXTRA_ON_EDIT = 2
MAX_DEADLINES = 12


class CaseForm(forms.Form):
    """The intake questions. Each carries help text asking attorneys to answer inclusively:
    the TA Library is matched on these answers."""

    country_of_origin = forms.ChoiceField(
        label=_("Client's country of origin"),
        choices=[("", _("Choose a country")), *countries],
        help_text=_(
            "The country your client fears return to. If there is more than one, choose the "
            "main one and mention the others in the notes."
        ),
    )
    persecution_types = forms.ModelMultipleChoiceField(
        label=_("Types of persecution feared"),
        queryset=PersecutionType.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Select every type that applies, even if it is not the main claim: each one adds "
            "matching resources to your TA Library."
        ),
        error_messages={
            "invalid_choice": _("Choose from the listed types of persecution."),
            "invalid_pk_value": _("Choose from the listed types of persecution."),
        },
    )
    protection_types = forms.ModelMultipleChoiceField(
        label=_("Protection sought"),
        queryset=ProtectionType.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Select all forms of protection you are seeking or may seek."),
        error_messages={
            "invalid_choice": _("Choose from the listed forms of protection."),
            "invalid_pk_value": _("Choose from the listed forms of protection."),
        },
    )
    procedural_stage = forms.ModelChoiceField(
        label=_("Procedural stage"),
        queryset=ProceduralStage.objects.all(),
        widget=forms.RadioSelect,
        empty_label=None,
        help_text=_("Where the case is now. You can update it later by editing the case."),
        error_messages={"invalid_choice": _("Choose one of the listed procedural stages.")},
    )
    detention_status = forms.ChoiceField(
        label=_("Is your client detained?"),
        choices=DetentionStatus.choices,
        widget=forms.RadioSelect,
        help_text=_("Detained cases often move faster; this helps CGRS prioritize."),
    )
    client_gender = forms.ChoiceField(
        label=_("Client's gender (optional)"),
        choices=ClientGender.choices,
        widget=forms.RadioSelect,
        required=False,
        help_text=_(
            "Optional. Used only by CGRS staff to curate resources, e.g. for gender-based "
            "claims. Leave blank if you prefer not to say."
        ),
    )
    age_group_at_harm = forms.ChoiceField(
        label=_("Client's age group at the time of harm (optional)"),
        choices=AgeGroup.choices,
        widget=forms.RadioSelect,
        required=False,
        help_text=_(
            "Optional. Used only for curation, e.g. resources on children's claims. Choose the "
            "age at the time of the main harm."
        ),
    )
    outcome_rendered = forms.TypedChoiceField(
        label=_("Has any outcome already been rendered in this case?"),
        choices=YES_NO,
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        help_text=_(
            "Any decision at any level (asylum office, immigration judge, BIA, circuit court). "
            "If yes, you will be asked to report it before your TA Library opens."
        ),
    )
    notes = forms.CharField(
        label=_("Notes (optional)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Anything else that helps CGRS understand the case: the claim's theory, particular "
            "social groups considered, urgent issues. Do not include your client's name, "
            "A-number or date of birth."
        ),
    )

    @classmethod
    def initial_for(cls, case) -> dict:
        """The case's current answers, to edit (its tags prefetched: no query per field)."""
        return {
            "country_of_origin": case.country_of_origin.code,
            "persecution_types": list(case.persecution_types.all()),
            "protection_types": list(case.protection_types.all()),
            "procedural_stage": case.procedural_stage_id,
            "detention_status": case.detention_status,
            "client_gender": case.client_gender,
            "age_group_at_harm": case.age_group_at_harm,
            "outcome_rendered": "yes" if case.outcome_rendered else "no",
            "notes": case.notes,
        }

    def intake_answers(self) -> dict:
        """The cleaned answers as service arguments (deadlines come from the formset)."""
        data = self.cleaned_data
        return {
            "country_of_origin": data["country_of_origin"],
            "persecution_types": data["persecution_types"],
            "protection_types": data["protection_types"],
            "procedural_stage": data["procedural_stage"],
            "detention_status": data["detention_status"],
            "client_gender": data["client_gender"],
            "age_group_at_harm": data["age_group_at_harm"],
            "outcome_rendered": data["outcome_rendered"],
            "notes": data["notes"].strip(),
        }


class CaseIntakeForm(CaseForm):
    # Issued with the form; the same token submitted twice finds the case it created.
    intake_token = forms.UUIDField(
        widget=forms.HiddenInput,
        error_messages={
            "required": _("This form has expired. Please reload the page and submit again."),
            "invalid": _("This form has expired. Please reload the page and submit again."),
        },
    )


class DeadlineForm(forms.Form):
    due_on = forms.DateField(
        label=_("Date"),
        required=False,
        widget=DateInput,
        error_messages={"invalid": _("Enter a date as YYYY-MM-DD.")},
    )
    description = forms.CharField(
        label=_("What is due"),
        required=False,
        max_length=200,
        help_text=_("e.g. Master calendar hearing, brief due, I-589 filing."),
    )

    def __init__(self, *args, kept_deadlines: frozenset = frozenset(), **kwargs):
        # Deadlines already on the case may have passed; they are kept, not re-validated.
        self.kept_deadlines = kept_deadlines
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        due_on, description = data.get("due_on"), (data.get("description") or "").strip()
        if self.errors:
            return data
        if due_on and not description:
            self.add_error("description", _("Say what is due on this date."))
        elif description and not due_on:
            self.add_error("due_on", _("Enter the date this is due."))
        elif (
            due_on
            and due_on < timezone.localdate()
            and (due_on, description) not in self.kept_deadlines
        ):
            self.add_error("due_on", _("This date has passed. Enter an upcoming deadline."))
        data["description"] = description
        return data


class BaseDeadlineFormSet(forms.BaseFormSet):
    def deadlines(self) -> list[DeadlineInput]:
        """The filled-in rows (blank rows are skipped)."""
        return [
            DeadlineInput(
                due_on=form.cleaned_data["due_on"], description=form.cleaned_data["description"]
            )
            for form in self.forms
            if form.cleaned_data.get("due_on") and form.cleaned_data.get("description")
        ]


def deadline_formset(*, data=None, deadlines=(), extra: int = DEADLINE_ROWS_ON_INTAKE):
    """A fixed number of deadline rows (works without JavaScript): the case's deadlines plus
    `extra` blank rows."""
    formset_class = formset_factory(
        DeadlineForm,
        formset=BaseDeadlineFormSet,
        extra=extra,
        max_num=MAX_DEADLINES,
        validate_max=True,
        absolute_max=MAX_DEADLINES,
    )
    kept = frozenset((d.due_on, d.description) for d in deadlines)
    initial = [{"due_on": d.due_on, "description": d.description} for d in deadlines]
    return formset_class(
        data=data,
        initial=initial,
        prefix="deadlines",
        form_kwargs={"kept_deadlines": kept},
    )
