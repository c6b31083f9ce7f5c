"""Snippets read the way the library page reads them: with the rows it shows."""

from search.selectors import Snippet, snippet_of, with_snippets
from ta_library.models import Resource


def page_snippets(match, resource_ids) -> dict[int, Snippet | None]:
    """Each of `resource_ids`' snippet for `match`, in the one query that reads the rows."""
    rows = with_snippets(Resource.objects.filter(pk__in=list(resource_ids)).only("id"), match)
    return {row.pk: snippet_of(row) for row in rows}
