from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TaRequestsConfig(AppConfig):
    name = "ta_requests"
    verbose_name = _("Requests for more help")

    def ready(self):
        from cases.extensions import add_to_case_record
        from ta_requests.selectors import case_requests_prefetch

        add_to_case_record(case_requests_prefetch)
