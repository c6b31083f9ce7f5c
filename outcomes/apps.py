from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutcomesConfig(AppConfig):
    name = "outcomes"
    verbose_name = _("Outcomes")

    def ready(self):
        from cases.extensions import add_to_case_record, add_to_case_summary
        from outcomes import selectors

        add_to_case_summary(selectors.with_latest_outcome, selectors.label_latest_decision)
        add_to_case_record(selectors.case_outcomes_prefetch)
