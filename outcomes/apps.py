from django.apps import AppConfig


class OutcomesConfig(AppConfig):
    name = "outcomes"
    verbose_name = "Outcomes"

    def ready(self):
        from cases.extensions import add_to_case_record, add_to_case_summary
        from outcomes import selectors

        add_to_case_summary(selectors.with_latest_outcome, selectors.label_latest_decision)
        add_to_case_record(selectors.case_outcomes_prefetch)
