"""Input for requests for more help: validation and widgets only (the services decide)."""

from __future__ import annotations

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from accounts.models import User
from cgrs.forms import DateInput
from documents.models import Document
from ta_requests.models import (
    MAX_DEADLINE_NOTE_LENGTH,
    MAX_TEXT_LENGTH,
    DeadlineKind,
    HelpKind,
    RequestStatus,
    TARequest,
    Urgency,
)
from ta_requests.services import StaffAction
from taxonomy.models import ProceduralStage

NO_DEADLINE = "none"
OTHER_DEADLINE = "other"
TEXT_ERRORS = {
    "max_length": _("Please shorten this to %(limit_value)d characters (it has %(show_value)d)."),
}


class DocumentChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, document: Document) -> str:
        permission = (
            _("CGRS may share it after redaction")
            if document.shared_permitted
            else _("CGRS must not share it")
        )
        return f"{document.get_kind_display()}: {document.original_name} ({permission})"


def _documents_field(case, attorney) -> DocumentChoices:
    # SECURITY: only the attorney's own documents of this case can be attached (S2, S4).
    return DocumentChoices(
        label=_("Attach documents from this case (optional)"),
        queryset=Document.objects.for_user(attorney).filter(case=case).order_by("created_at"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Each document keeps the share permission you chose for it. To add a document "
            "to the case first, use “Add documents” on the case record."
        ),
    )


class TARequestForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What kind of help do you need?"),
        choices=HelpKind.choices,
        widget=forms.RadioSelect,
    )
    question = forms.CharField(
        label=_("What do you need?"),
        max_length=MAX_TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Describe the question or the help you need. Do not include your client's name or "
            "A-number: the case number is enough."
        ),
        error_messages={**TEXT_ERRORS, "required": _("Tell us what you need.")},
    )
    deadline_choice = forms.ChoiceField(
        label=_("The next deadline that matters"), widget=forms.RadioSelect
    )
    deadline_on = forms.DateField(
        label=_("Date of another deadline"),
        required=False,
        widget=DateInput,
        help_text=_("Only if you chose “Another deadline”."),
    )
    deadline_kind = forms.ChoiceField(
        label=_("What is the deadline?"),
        choices=[("", _("Choose…")), *DeadlineKind.choices],
        required=False,
    )
    deadline_note = forms.CharField(
        label=_("In a few words (optional)"),
        max_length=MAX_DEADLINE_NOTE_LENGTH,
        required=False,
        error_messages=TEXT_ERRORS,
    )
    urgency = forms.ChoiceField(
        label=_("How urgent is it?"), choices=Urgency.choices, widget=forms.RadioSelect
    )
    submission_token = forms.UUIDField(
        widget=forms.HiddenInput,
        error_messages={
            "required": _("This form has expired. Please reload the page and submit again."),
            "invalid": _("This form has expired. Please reload the page and submit again."),
        },
    )

    def __init__(self, *args, case, attorney, **kwargs):
        super().__init__(*args, **kwargs)
        self.intake_deadlines = {f"d{d.pk}": d for d in case.deadlines.all()}
        self.fields["deadline_choice"].choices = [
            *(
                (key, f"{d.due_on:%Y-%m-%d}: {d.description}")
                for key, d in self.intake_deadlines.items()
            ),
            (OTHER_DEADLINE, _("Another deadline (give the date below)")),
            (NO_DEADLINE, _("No upcoming deadline")),
        ]
        self.fields["documents"] = _documents_field(case, attorney)

    def clean(self):
        data = super().clean()
        choice = data.get("deadline_choice")
        today = timezone.localdate()
        due_on, note = None, data.get("deadline_note", "")
        if choice == OTHER_DEADLINE:
            due_on = data.get("deadline_on")
            if due_on is None and "deadline_on" not in self.errors:
                self.add_error("deadline_on", _("Give the date of the deadline."))
        elif choice in self.intake_deadlines:
            intake = self.intake_deadlines[choice]
            due_on, note = intake.due_on, note or intake.description
        if due_on is not None:
            if due_on < today:
                field = "deadline_on" if choice == OTHER_DEADLINE else "deadline_choice"
                self.add_error(
                    field, _("This deadline has passed. Choose or give the next one ahead.")
                )
            if not data.get("deadline_kind"):
                self.add_error("deadline_kind", _("Say what the deadline is."))
        data["resolved_deadline_on"] = due_on
        data["resolved_deadline_note"] = note if due_on else ""
        return data

    def request_answers(self) -> dict:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "question": data["question"],
            "urgency": data["urgency"],
            "submission_token": data["submission_token"],
            "deadline_on": data["resolved_deadline_on"],
            "deadline_kind": data["deadline_kind"] if data["resolved_deadline_on"] else "",
            "deadline_note": data["resolved_deadline_note"],
            "document_ids": [document.pk for document in data["documents"]],
        }


class AttorneyReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Your reply"),
        max_length=MAX_TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Do not include your client's name or A-number."),
        error_messages={**TEXT_ERRORS, "required": _("Write your reply.")},
    )

    def __init__(self, *args, case, attorney, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["documents"] = _documents_field(case, attorney)


STAFF_ACTION_CHOICES = [
    (StaffAction.REPLY, _("Reply (in progress)")),
    (StaffAction.ASK, _("Ask the attorney for information (waiting for them)")),
    (StaffAction.ANSWER, _("Answer")),
    (StaffAction.CLOSE, _("Close")),
    (StaffAction.DECLINE, _("Decline, with the reason")),
]


class StaffResponseForm(forms.Form):
    action = forms.ChoiceField(
        label=_("What to do"), choices=STAFF_ACTION_CHOICES, widget=forms.RadioSelect
    )
    body = forms.CharField(
        label=_("Message to the attorney"),
        max_length=MAX_TEXT_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "The attorney reads this on the case record; their email only says there is an "
            "update. For a decline, this is the reason."
        ),
        error_messages=TEXT_ERRORS,
    )


def staff_users():
    return User.objects.filter(is_staff=True, is_active=True).order_by("email")


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(
        label=_("Assigned to"), queryset=staff_users(), required=False, empty_label=_("Nobody")
    )


class TARequestQueueFilter(django_filters.FilterSet):
    """The queue's filters; unknown values are form errors (the filter is ignored), never a
    500."""

    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[("open", _("Open (any open status)")), *RequestStatus.choices],
        empty_label=_("Any"),
        method="filter_status",
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind of help"), choices=HelpKind.choices, empty_label=_("Any")
    )
    assignee = django_filters.ModelChoiceFilter(
        label=_("Assigned to"),
        field_name="assigned_to",
        queryset=staff_users(),
        empty_label=_("Anyone"),
        null_label=_("Nobody"),
    )
    country = django_filters.ChoiceFilter(
        label=_("Client's country"),
        field_name="case__country_of_origin",
        choices=lambda: list(countries),
        empty_label=_("Any"),
    )
    stage = django_filters.ModelChoiceFilter(
        label=_("Procedural stage"),
        field_name="case__procedural_stage",
        queryset=ProceduralStage.objects.order_by("position", "name"),
        empty_label=_("Any"),
    )

    class Meta:
        model = TARequest
        fields = ["status", "kind", "assignee", "country", "stage"]

    def filter_status(self, queryset, name, value):
        from ta_requests.models import OPEN_STATUSES

        if value == "open":
            return queryset.filter(status__in=OPEN_STATUSES)
        return queryset.filter(status=value)
