"""The attorney's one alert setting on My Account."""

from django.utils.translation import gettext_lazy as _

from accounts.dashboard import Section
from alerts.selectors import alert_summary
from cases.models import AlertFrequency

# How the summary sentence names a frequency ("alert daily").
FREQUENCY_WORDS = {
    AlertFrequency.DAILY: _("daily"),
    AlertFrequency.WEEKLY: _("weekly"),
}


def context(request) -> dict:
    """One query: the open cases' settings and the setting for new cases."""
    summary = alert_summary(request.user)
    # The radio shows the open cases' common setting, else what new cases get.
    current = (summary.open_cases and summary.setting) or summary.for_new_cases
    return {
        "summary": summary,
        "setting_label": FREQUENCY_WORDS.get(summary.setting, ""),
        "choices": AlertFrequency.choices,
        "current": current,
    }


SECTIONS = [
    Section(
        roles=frozenset({"attorney"}),
        template="alerts/_my_account.html",
        context=context,
        order=15,
    )
]
