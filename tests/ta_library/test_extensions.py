"""The library without a registered search fails loudly instead of showing wrong results;
without the redaction rules it shows and serves no redacted sample (it fails closed)."""

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


@pytest.fixture
def published_sample(db):
    """A redacted sample published in the library: its record as publishing leaves it, and
    the resource whose file is the derivative's bytes."""
    from django.core.files.base import ContentFile

    from tests.documents.factories import sample_pdf
    from tests.redaction.factories import published_redaction
    from tests.ta_library.factories import ResourceFactory

    data = sample_pdf()
    resource = ResourceFactory(external_url="", file=ContentFile(data, name="sample.pdf"))
    redaction = published_redaction(data=data)
    redaction.resource = resource
    redaction.save(update_fields=["resource"])
    return resource


def _sample_urls(resource) -> list[str]:
    from django.urls import reverse

    return [
        reverse(name, args=[resource.pk])
        for name in (
            "ta_library:resource_detail",
            "ta_library:resource_file",
            "ta_library:resource_download",
        )
    ]


def test_a_sample_is_shown_and_served_while_the_redaction_rules_allow_it(
    attorney_client, published_sample
):
    for url in _sample_urls(published_sample):
        assert attorney_client.get(url).status_code == 200, url


@pytest.mark.parametrize("registry", ["sample_page_rules", "sample_file_rules", "both"])
def test_without_the_redaction_rules_no_sample_is_shown_or_served(
    attorney_client, published_sample, monkeypatch, caplog, registry
):
    """SECURITY S4: the gate fails closed. With redaction's rules unregistered (the real
    rules, put back after the test) the sample's page and file answer 404, and the broken
    installation is logged."""
    detail, inline, download = _sample_urls(published_sample)
    for name in ("sample_page_rules", "sample_file_rules"):
        if registry in (name, "both"):
            monkeypatch.setattr(extensions, name, [])
    with caplog.at_level("ERROR", logger="ta_library.extensions"):
        statuses = {
            url: attorney_client.get(url).status_code for url in _sample_urls(published_sample)
        }
    if registry in ("sample_page_rules", "both"):
        assert statuses[detail] == 404
    if registry in ("sample_file_rules", "both"):
        assert statuses[inline] == statuses[download] == 404
    assert "No redacted sample rules are registered" in caplog.text
