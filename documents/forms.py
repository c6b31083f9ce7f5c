"""Document forms: the file rows (file, kind, outcome, share permission), the permission
change, the staff's "not suitable" reason and the queue's filters. Validation only."""

from __future__ import annotations

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from documents.files import FileRefused, check_document
from documents.models import Document, DocumentKind, DocumentState, SharePermission
from documents.services import UploadInput, clean_original_name

ROWS_ON_OUTCOME_FORM = 3
ROWS_ON_ADD_FORM = 5
MAX_ROWS = 10

# The seed's question and its two consequences, next to each choice (asked per document).
PERMISSION_LABEL = _("May CGRS share this document?")
PERMISSION_CHOICES = [
    (
        SharePermission.NO.value,
        _(
            "No: CGRS will not share it with anyone outside the organization under any "
            "circumstance."
        ),
    ),
    (
        SharePermission.YES.value,
        _(
            "Yes: CGRS will redact every identifying detail under its redaction protocol "
            "before sharing it with attorneys on similar cases."
        ),
    ),
]
ACCEPT = (
    ".pdf,.docx,application/pdf,"
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
)


class DocumentRowForm(forms.Form):
    """One file with its kind, outcome (optional) and share permission."""

    file = forms.FileField(
        label=_("File"),
        required=False,
        widget=forms.FileInput(attrs={"accept": ACCEPT}),
        help_text=_("PDF or Word (.docx), up to 25 MB and 300 pages."),
    )
    kind = forms.ChoiceField(
        label=_("Kind of document"),
        choices=[("", _("Choose…")), *DocumentKind.choices],
        required=False,
    )
    share_permission = forms.ChoiceField(
        label=PERMISSION_LABEL,
        choices=PERMISSION_CHOICES,
        required=False,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, outcomes=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.checked = None
        if outcomes is not None:
            self.fields["outcome"] = forms.TypedChoiceField(
                label=_("Outcome it belongs to (optional)"),
                choices=[("", _("None"))]
                + [
                    (o.pk, f"{o.get_decision_display()} ({o.decided_on:%Y-%m-%d})")
                    for o in outcomes
                ],
                coerce=int,
                empty_value=None,
                required=False,
            )
            self.order_fields(["file", "kind", "outcome", "share_permission"])

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        if not upload:
            return data
        name = clean_original_name(upload.name)
        if not data.get("kind"):
            self.add_error(
                "kind", _("Choose what kind of document “%(name)s” is.") % {"name": name}
            )
        if not data.get("share_permission"):
            self.add_error(
                "share_permission",
                _("Choose whether CGRS may share “%(name)s”.") % {"name": name},
            )
        try:
            self.checked = check_document(upload)
        except FileRefused as refusal:
            self.add_error(
                "file",
                _("“%(name)s” was not accepted: %(reason)s") % {"name": name, "reason": refusal},
            )
        return data

    def upload_input(self) -> UploadInput | None:
        """The row's file, checked, with its answers; None for an empty or refused row, or
        one whose kind or permission is missing."""
        data = getattr(self, "cleaned_data", None) or {}
        if self.checked is None or not data.get("kind") or not data.get("share_permission"):
            return None
        upload = data["file"]
        return UploadInput(
            upload=upload,
            checked=self.checked,
            original_name=upload.name,
            kind=data["kind"],
            share_permission=data["share_permission"],
            outcome_id=data.get("outcome"),
        )


class BaseDocumentRows(forms.BaseFormSet):
    def __init__(self, *args, outcomes=None, **kwargs):
        self._outcomes = outcomes
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "outcomes": self._outcomes}

    def accepted(self) -> list[UploadInput]:
        """Every row whose file passed the check, with its answers: stored on success, kept
        as pending uploads when the form is sent back."""
        return [item for form in self.forms if (item := form.upload_input()) is not None]

    def refused_count(self) -> int:
        return sum(1 for form in self.forms if form.errors)


def document_rows(data=None, files=None, *, extra: int, outcomes=None) -> BaseDocumentRows:
    formset_class = forms.formset_factory(
        DocumentRowForm,
        formset=BaseDocumentRows,
        extra=extra,
        max_num=MAX_ROWS,
        absolute_max=MAX_ROWS,
    )
    if data is not None and "documents-TOTAL_FORMS" not in data:
        # A form posted without the document rows (an older page, a script): no files, not
        # an error that would lose the rest of the answers.
        data = data.copy()
        data.update({"documents-TOTAL_FORMS": "0", "documents-INITIAL_FORMS": "0"})
    return formset_class(data=data, files=files, prefix="documents", outcomes=outcomes)


class UploadTokenForm(forms.Form):
    """The add-documents page's token: the same form submitted twice stores each file once."""

    upload_token = forms.UUIDField(
        widget=forms.HiddenInput,
        error_messages={
            "required": _("This form has expired. Please reload the page and submit again."),
            "invalid": _("This form has expired. Please reload the page and submit again."),
        },
    )


class PermissionForm(forms.Form):
    share_permission = forms.ChoiceField(
        label=PERMISSION_LABEL, choices=PERMISSION_CHOICES, widget=forms.RadioSelect
    )


class NotSuitableForm(forms.Form):
    reason = forms.CharField(
        label=_("Why it is not suitable to share"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The attorney who uploaded it reads this. Name no one."),
    )


AGE_CHOICES = [
    ("week", _("Received in the last 7 days")),
    ("month", _("8 to 30 days ago")),
    ("older", _("More than 30 days ago")),
]


class DocumentQueueFilter(django_filters.FilterSet):
    """The staff queue's filters; unknown values are form errors (the filter is ignored),
    never a 500."""

    share_permission = django_filters.ChoiceFilter(
        label=_("Share permission"),
        choices=[(SharePermission.YES, _("Yes")), (SharePermission.NO, _("No"))],
        empty_label=_("Any"),
    )
    state = django_filters.ChoiceFilter(
        label=_("State"), choices=DocumentState.choices, empty_label=_("Any")
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=DocumentKind.choices, empty_label=_("Any")
    )
    country = django_filters.ChoiceFilter(
        label=_("Client's country"),
        field_name="case__country_of_origin",
        choices=lambda: list(countries),
        empty_label=_("Any"),
    )
    age = django_filters.ChoiceFilter(
        label=_("Age"), choices=AGE_CHOICES, empty_label=_("Any"), method="filter_age"
    )

    class Meta:
        model = Document
        fields = ["share_permission", "state", "kind", "country", "age"]

    def filter_age(self, queryset, name, value):
        from datetime import timedelta

        from django.utils import timezone

        now = timezone.now()
        week, month = now - timedelta(days=7), now - timedelta(days=30)
        if value == "week":
            return queryset.filter(created_at__gte=week)
        if value == "month":
            return queryset.filter(created_at__lt=week, created_at__gte=month)
        if value == "older":
            return queryset.filter(created_at__lt=month)
        return queryset
