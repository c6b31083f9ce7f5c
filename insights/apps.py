from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    name = "insights"
    verbose_name = _("Outcome insights")

    def ready(self):
        # Cases calls these through cases.extensions, so it never imports insights.
        from cases.extensions import add_to_case_page, follow_case_counts
        from insights.selectors import case_page_similar
        from insights.services import facts_refresh

        add_to_case_page(case_page_similar)
        follow_case_counts(facts_refresh)
