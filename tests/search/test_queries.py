"""A search costs the same number of queries at 1 and at 30 results."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search.selectors import keyword_match
from tests.search.documents import pdf_with_pages
from tests.search.snippets import page_snippets

pytestmark = pytest.mark.django_db

SEARCH_QUERIES = 3  # lexicon (unknown words, candidates, synonyms) + match + snippets


def _count(query: str) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as captured:
        match = keyword_match(query)
        snippets = page_snippets(match, list(match.ids)[:20])
    return len(captured), len(snippets)


@pytest.mark.parametrize("query", ["asylum", "asylm claims", '"asylum claims"', "PSG asylum"])
def test_search_query_count_is_constant(make_resource, index, query):
    pdf = pdf_with_pages(["Asylum claims in depth.", "More asylum claims and PSG."])
    index(make_resource("Asylum one", "Asylum claims", file=pdf))
    at_one = _count(query)
    index(*[make_resource(f"Asylum {n}", "Asylum claims", file=pdf) for n in range(29)])
    at_thirty = _count(query)
    assert at_one[0] == at_thirty[0] == SEARCH_QUERIES
    assert at_one[1] == 1 and at_thirty[1] == 20
