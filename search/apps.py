from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "TA Library search"

    def ready(self):
        # Documents reads its files' text with the same extraction through
        # documents.extensions, so documents never imports search.
        from documents.extensions import read_text_with
        from search.extraction import extract

        read_text_with(extract)
