"""Staff review of a submitted listing."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from experts.services.review import ReviewDecision

CHECKLIST = [
    ("credentials_checked", _("Credentials checked")),
    ("references_checked", _("References checked")),
    ("cv_reviewed", _("CV reviewed")),
]


class ReviewForm(forms.Form):
    """A staff decision on a submitted listing, with the vetting checklist."""

    credentials_checked = forms.BooleanField(label=_("Credentials checked"), required=False)
    references_checked = forms.BooleanField(label=_("References checked"), required=False)
    cv_reviewed = forms.BooleanField(
        label=_("CV reviewed (or, for a clinic, its clinicians' licenses)"), required=False
    )
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (ReviewDecision.APPROVE, _("Approve and list")),
            (ReviewDecision.REQUEST_CHANGES, _("Ask for changes")),
            (ReviewDecision.REJECT, _("Reject (not listed)")),
        ],
        widget=forms.RadioSelect,
    )
    notes = forms.CharField(
        label=_("Notes to the expert"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Shown on their listing page (not in the email). Required when asking for changes "
            "or rejecting."
        ),
    )

    def checklist(self) -> dict[str, bool]:
        return {name: bool(self.cleaned_data.get(name)) for name, _label in CHECKLIST}

    def clean(self):
        data = super().clean()
        decision = data.get("decision")
        if decision == ReviewDecision.APPROVE and not all(self.checklist().values()):
            self.add_error(None, _("Complete the vetting checklist before approving."))
        if (
            decision in (ReviewDecision.REQUEST_CHANGES, ReviewDecision.REJECT)
            and not (data.get("notes") or "").strip()
        ):
            self.add_error("notes", _("Tell the expert what to change or why."))
        data["notes"] = (data.get("notes") or "").strip()
        return data
