"""What the search app does for the library, without the library importing it.

Dependencies point one way (ta_library <- search): search indexes the library's resources,
so the library tells search about its resources, and runs its keyword search, through what
search registers here from its AppConfig.ready():

- `follow_content_changes(resources_content_changed, resources_deleted)`
  (search.services): resources whose file, title or summary changed, or that were
  published, are (re)indexed; deleted ones are no longer served from cached results. Called
  inside the library's transaction.
- `search_with(KeywordSearch(...))` (search.selectors): the library page's keyword match
  and its snippets.

Nothing registered is a broken installation, not a library without search: every call
here then raises (a page that silently showed the whole library for a keyword, or
resources never indexed, would look like working).

Redaction registers here the rules that decide whether a redacted sample's page shows and
its file goes out (SECURITY S4, S6): `judge_samples_with(redaction.rules.may_show_sample_page,
redaction.rules.may_serve_sample)`. These fail closed: with nothing registered, no sample
is shown or served (and an error is logged), since a gate that opened when its rule went
missing would hand out documents nobody approved for sharing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

logger = logging.getLogger(__name__)

# (resource_ids=...) -> None, in the caller's transaction.
content_followers: list[Callable[..., None]] = []
# () -> None, in the caller's transaction, after resources were deleted.
deletion_followers: list[Callable[[], None]] = []


@dataclass(frozen=True)
class KeywordSearch:
    """The keyword search the library pages call (search.selectors), one function each:

    - `lexicon_expression(query, correct=...)`: an expression the page reads with its first
      query, handed back to `keyword_match` as `lexicon=` (None: nothing searchable);
    - `keyword_match(query, correct=..., lexicon=...)`: the match (`ids` a bitmap of
      resource ids, `ranked` or `tiers` its order, `corrected`, `suggestion`), or None;
    - `with_snippets(resources, match)`: the queryset with each row's snippet read in it;
    - `snippet_of(resource)`: that snippet (`html` escaped with <mark>, `page`), or None.
    """

    lexicon_expression: Callable
    keyword_match: Callable
    with_snippets: Callable
    snippet_of: Callable


keyword_searches: list[KeywordSearch] = []
# (redaction) -> bool: whether a sample's library page may show.
sample_page_rules: list[Callable[[object], bool]] = []
# (redaction, bytes about to be sent) -> bool: whether a sample's file may go out.
sample_file_rules: list[Callable[[object, bytes], bool]] = []


def follow_content_changes(changed, deleted) -> None:
    if changed not in content_followers:
        content_followers.append(changed)
    if deleted not in deletion_followers:
        deletion_followers.append(deleted)


def search_with(search: KeywordSearch) -> None:
    if search not in keyword_searches:
        keyword_searches.append(search)


def _unregistered(what: str) -> RuntimeError:
    return RuntimeError(f"Nothing is registered to {what} (is the search app installed?).")


def resources_content_changed(*, resource_ids) -> None:
    """These resources' text may have changed (or they were published): search reads them
    again after commit."""
    if not content_followers:
        raise _unregistered("index the library's resources")
    for follow in content_followers:
        follow(resource_ids=resource_ids)


def resources_deleted() -> None:
    """Resources were deleted: search serves no cached result that holds their ids."""
    if not deletion_followers:
        raise _unregistered("hear of deleted resources")
    for follow in deletion_followers:
        follow()


def keyword_search() -> KeywordSearch:
    """The registered keyword search (search.selectors)."""
    if not keyword_searches:
        raise _unregistered("search the library by keyword")
    return keyword_searches[0]


def judge_samples_with(show_page, serve) -> None:
    if show_page not in sample_page_rules:
        sample_page_rules.append(show_page)
    if serve not in sample_file_rules:
        sample_file_rules.append(serve)


def _no_sample_rules() -> bool:
    # SECURITY: fail closed (S4): without the redaction rules, no sample is shown or served.
    logger.error(
        "No redacted sample rules are registered (is the redaction app installed?): "
        "no sample is shown or served."
    )
    return False


def may_show_sample_page(sample) -> bool:
    """Whether a redacted sample's library page shows: only if every registered rule
    (redaction.rules.may_show_sample_page) allows it; never when none is registered."""
    if not sample_page_rules:
        return _no_sample_rules()
    return all(rule(sample) for rule in sample_page_rules)


def may_serve_sample(sample, data: bytes) -> bool:
    """Whether `data`, about to be sent as a redacted sample's file, may go out: only if
    every registered rule (redaction.rules.may_serve_sample) allows it; never when none is
    registered."""
    if not sample_file_rules:
        return _no_sample_rules()
    return all(rule(sample, data) for rule in sample_file_rules)
