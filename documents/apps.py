from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("Case documents")

    def ready(self):
        from cases.extensions import add_to_case_record
        from documents.selectors import case_documents_prefetch

        add_to_case_record(case_documents_prefetch)
