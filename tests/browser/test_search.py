"""Searching a case library in a real Chromium: a misspelled query typed into the search box
shows the corrected results, the highlighted passage and its page, without reloading."""

import datetime
import re

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from playwright.sync_api import expect

import devtools.demo.taxonomy
from search.models import Extraction, ExtractionStatus
from search.services import vocabulary_refresh
from ta_library.services import resource_create
from taxonomy.models import ResourceType
from tests.cases.factories import CaseFactory
from tests.factories import PASSWORD, AttorneyFactory
from tests.search.documents import pdf_with_pages


@pytest.fixture
def case_with_library(transactional_db, settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "private"), "base_url": None},
        },
    }
    devtools.demo.taxonomy.load(lambda message: None)
    attorney = AttorneyFactory(email="searcher@example.net")
    case = CaseFactory(attorney=attorney, country_of_origin="GT")
    kind = ResourceType.objects.order_by("position").first()
    compendium = resource_create(
        title="Gender-based asylum claims compendium",
        summary="Country conditions and decisions for gender-based claims.",
        resource_type=kind,
        published_on=datetime.date(2025, 3, 1),
        file=ContentFile(
            pdf_with_pages(
                [
                    "Introduction to the compendium and how to use it in court.",
                    "Reports document that women in Guatemala face femicide and the police "
                    "rarely investigate.",
                ]
            ),
            name="compendium.pdf",
        ),
        relevant_to_every_case=True,
        is_published=True,
    )
    resource_create(
        title="Motion to reopen practice advisory",
        summary="Deadlines and changed circumstances.",
        resource_type=kind,
        published_on=datetime.date(2025, 4, 1),
        external_url="https://example.org/motion-to-reopen",
        relevant_to_every_case=True,
        is_published=True,
    )
    # The upload was extracted by the task that ran after commit.
    assert Extraction.objects.get(pk=compendium.pk).status == ExtractionStatus.EXTRACTED
    vocabulary_refresh()
    return attorney, case


def test_a_misspelled_search_shows_corrected_results_and_the_passage(
    page, sign_in, case_with_library
):
    attorney, case = case_with_library
    sign_in(attorney.email, PASSWORD)
    page.goto(reverse("ta_library:case_library", args=[case.number]))
    cards = page.locator(".library-card")
    expect(cards).to_have_count(2)
    box = page.get_by_label("Search", exact=True)
    box.click()
    box.press_sequentially("Guatamala", delay=40)
    # Results update while typing (no submit), for what was meant.
    expect(page.locator(".library-corrected")).to_contain_text("Showing results for guatemala")
    expect(cards).to_have_count(1)
    expect(cards.first).to_contain_text("Gender-based asylum claims compendium")
    snippet = cards.first.locator(".library-snippet")
    expect(snippet.locator("mark")).to_have_text("Guatemala")
    expect(snippet).to_contain_text("found on page 2")
    # The field kept what was typed, and the URL follows the search.
    expect(box).to_have_value("Guatamala")
    assert "q=Guatamala" in page.url
    # "Search instead for" what was typed: no correction, nothing found.
    page.get_by_role("link", name="search instead for Guatamala").click()
    expect(page.locator(".library-corrected")).to_have_count(0)
    expect(cards).to_have_count(0)


@pytest.fixture
def women_in_library(case_with_library):
    """ "women" in two resources: common enough to be offered for "womn"."""
    resource_create(
        title="Women in Honduras: state protection",
        summary="Reports on violence against women and the police response.",
        resource_type=ResourceType.objects.order_by("position").first(),
        published_on=datetime.date(2025, 5, 1),
        external_url="https://example.org/women",
        relevant_to_every_case=True,
        is_published=True,
    )
    vocabulary_refresh()
    return case_with_library


@pytest.mark.parametrize("library", ["browse", "case"])
def test_search_as_you_type_keeps_the_url_so_back_and_a_shared_link_keep_the_search(
    page, sign_in, women_in_library, library
):
    attorney, case = women_in_library
    sign_in(attorney.email, PASSWORD)
    path = (
        reverse("ta_library:browse")
        if library == "browse"
        else reverse("ta_library:case_library", args=[case.number])
    )
    page.goto(path)
    cards = page.locator(".library-card")
    expect(cards).to_have_count(3)
    box = page.get_by_label("Search", exact=True)
    box.click()
    box.press_sequentially("womn", delay=40)
    # No Enter: the results are replaced, and the URL with them (replaced, not pushed).
    empty = page.locator(".library-empty")
    expect(empty).to_contain_text("No resources match “womn”.")
    expect(page).to_have_url(re.compile(r"\?q=womn$"))
    typed_url = page.url
    # "Did you mean women?" runs that search in place.
    empty.get_by_role("link", name="women").click()
    expect(cards).to_have_count(2)
    expect(page).to_have_url(re.compile(r"\?q=women$"))
    expect(box).to_have_value("women")
    # Back returns to what was typed, results and box alike.
    page.go_back()
    expect(page).to_have_url(typed_url)
    expect(box).to_have_value("womn")
    expect(empty).to_contain_text("Did you mean women?")
    # Open a result of a search typed (never submitted), then come Back: the search is kept.
    box.fill("")
    box.press_sequentially("police", delay=40)
    expect(cards).to_have_count(2)
    expect(page).to_have_url(re.compile(r"\?q=police$"))
    cards.first.get_by_role("link").first.click()
    expect(page.locator("h1")).not_to_contain_text("Library")
    page.go_back()
    expect(page).to_have_url(re.compile(r"\?q=police$"))
    expect(box).to_have_value("police")
    expect(cards).to_have_count(2)
    # The link shared: a fresh page shows the same search.
    fresh = page.context.new_page()
    fresh.goto(typed_url)
    expect(fresh.locator(".library-empty")).to_contain_text("Did you mean women?")
    expect(fresh.get_by_label("Search", exact=True)).to_have_value("womn")
