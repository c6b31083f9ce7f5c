"""Forms of the workbench. Coordinates are PDF points from the page's top-left."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from redaction.services import MAX_SUMMARY_LENGTH, MAX_TERM_LENGTH, clean_identifiers

# (kind, label, help) for the identifier boxes, one value per line.
IDENTIFIER_FIELDS = (
    ("name", _("Names"), _("The client's and family members' names, one per line.")),
    ("a_number", _("A-numbers"), _("In any form: A123456789, A-123-456-789...")),
    ("dob", _("Dates of birth"), _("As written in the document, one per line.")),
    ("address", _("Addresses"), _("Street addresses, one per line.")),
    ("phone", _("Phone numbers"), ""),
    ("email", _("E-mail addresses"), ""),
    ("other", _("Other identifiers"), _("Anything else that identifies the family.")),
)


class IdentifiersForm(forms.Form):
    """The document's identifiers, a box per kind. Kept encrypted on the record only."""

    def __init__(self, *args, initial_identifiers=(), **kwargs):
        super().__init__(*args, **kwargs)
        by_kind: dict[str, list[str]] = {}
        for identifier in initial_identifiers:
            by_kind.setdefault(identifier.kind, []).append(identifier.value)
        for kind, label, help_text in IDENTIFIER_FIELDS:
            self.fields[kind] = forms.CharField(
                label=label,
                help_text=help_text,
                required=False,
                max_length=4000,
                widget=forms.Textarea(attrs={"rows": 2, "autocomplete": "off"}),
                initial="\n".join(by_kind.get(kind, [])),
            )

    def clean(self):
        data = super().clean()
        rows = [
            (kind, line)
            for kind, _label, _help in IDENTIFIER_FIELDS
            for line in (data.get(kind) or "").splitlines()
        ]
        data["identifiers"] = clean_identifiers(rows)
        return data


class ProposalsForm(forms.Form):
    """Checkboxes over this page's proposals and two buttons; or one row's own button."""

    proposal = forms.TypedMultipleChoiceField(coerce=int, required=False, choices=())
    decision = forms.ChoiceField(
        required=False, choices=(("accept", _("Accept")), ("reject", _("Reject")))
    )
    accept = forms.IntegerField(required=False)
    reject = forms.IntegerField(required=False)

    def __init__(self, *args, proposal_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposal"].choices = [(pid, pid) for pid in proposal_ids]

    def decisions(self) -> tuple[list[int], list[int]]:
        data = self.cleaned_data
        accepted, rejected = [], []
        if data.get("accept"):
            accepted.append(data["accept"])
        if data.get("reject"):
            rejected.append(data["reject"])
        if data.get("decision") == "accept":
            accepted += data.get("proposal") or []
        elif data.get("decision") == "reject":
            rejected += data.get("proposal") or []
        return accepted, rejected


class BoxForm(forms.Form):
    """A box in points: typed, or drawn with the mouse or keyboard by the script."""

    MODE_CHOICES = (("box", _("Cover this box")), ("line", _("Cover the whole lines it touches")))

    page = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    x0 = forms.FloatField(label=_("Left"), min_value=0, max_value=20000)
    y0 = forms.FloatField(label=_("Top"), min_value=0, max_value=20000)
    x1 = forms.FloatField(label=_("Right"), min_value=0, max_value=20000)
    y1 = forms.FloatField(label=_("Bottom"), min_value=0, max_value=20000)
    mode = forms.ChoiceField(
        label=_("Cover"), choices=MODE_CHOICES, initial="box", widget=forms.RadioSelect
    )


class PageForm(forms.Form):
    page = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


class OccurrencesForm(forms.Form):
    term = forms.CharField(
        label=_("Cover every occurrence of"),
        max_length=MAX_TERM_LENGTH,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )


class PublishForm(forms.Form):
    title = forms.CharField(
        label=_("Title for the library"),
        max_length=300,
        help_text=_("No names, numbers or places that could identify the family."),
    )
    summary = forms.CharField(
        label=_("Summary"),
        max_length=MAX_SUMMARY_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the decision or brief holds and why it helps, for the library card."),
    )
