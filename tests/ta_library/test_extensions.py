"""The library without a registered search fails loudly instead of showing wrong results."""

import pytest

from ta_library import extensions
from ta_library.selectors.keyword import keyword_match


def test_a_keyword_search_without_search_registered_fails(monkeypatch):
    # Unregistered, a keyword must not quietly match nothing (or everything).
    monkeypatch.setattr(extensions, "keyword_searches", [])
    with pytest.raises(RuntimeError, match="search the library by keyword"):
        keyword_match("asylum")
    assert keyword_match("") is None  # no keyword: nothing to search, nothing asked


@pytest.mark.parametrize(
    "registry, call",
    [
        ("content_followers", lambda: extensions.resources_content_changed(resource_ids=[1])),
        ("deletion_followers", extensions.resources_deleted),
    ],
)
def test_resource_changes_without_search_registered_fail(monkeypatch, registry, call):
    # Unregistered, changed resources would never be indexed: the write fails instead.
    monkeypatch.setattr(extensions, registry, [])
    with pytest.raises(RuntimeError, match="search app installed"):
        call()
