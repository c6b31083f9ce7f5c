from django import forms
from django.utils.translation import gettext_lazy as _

from cases.models import AlertFrequency


class AlertFrequencyForm(forms.Form):
    alert_frequency = forms.ChoiceField(
        label=_("Email me about new resources for this case"),
        choices=AlertFrequency.choices,
        widget=forms.RadioSelect,
    )


class AllCasesAlertForm(forms.Form):
    alert_frequency = forms.ChoiceField(
        label=_("Email me about new resources for all my open cases"),
        choices=AlertFrequency.choices,
        widget=forms.RadioSelect,
    )
