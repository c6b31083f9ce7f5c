from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = "Case documents"

    def ready(self):
        from cases.extensions import add_to_case_record
        from documents.selectors import case_documents_prefetch

        add_to_case_record(case_documents_prefetch)
