from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("TA Library search")

    def ready(self):
        # Documents reads its files' text with the same extraction through
        # documents.extensions, so documents never imports search.
        from documents.extensions import read_text_with
        from search import selectors
        from search.extraction import extract
        from search.services import resources_content_changed, resources_deleted
        from ta_library.extensions import KeywordSearch, follow_content_changes, search_with

        read_text_with(extract)
        # The library tells search about its resources, and runs its keyword search,
        # through ta_library.extensions, so ta_library never imports search.
        follow_content_changes(resources_content_changed, resources_deleted)
        search_with(
            KeywordSearch(
                lexicon_expression=selectors.lexicon_expression,
                keyword_match=selectors.keyword_match,
                with_snippets=selectors.with_snippets,
                snippet_of=selectors.snippet_of,
            )
        )
