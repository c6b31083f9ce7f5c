"""The TA Library in a real Chromium: a case's curated library with its reasons, filters
with counts updating in place, Back, "Read more", a PDF download, and the blue box."""

import datetime
import re

import pytest
from django.core.files.base import ContentFile
from playwright.sync_api import expect

import devtools.demo.taxonomy
from experts.links import expert_search_url
from ta_library.models import Resource
from ta_library.services import resource_create
from taxonomy.models import PersecutionType, ProceduralStage, ProtectionType, ResourceType
from tests.cases.factories import CaseFactory
from tests.factories import PASSWORD, AttorneyFactory
from tests.ta_library.helpers import pdf_bytes


def _resource(
    title, type_slug, day, *, persecution=(), stages=(), countries=(), pdf=False, **extra
):
    return resource_create(
        title=title,
        summary=f"{title}: what it covers.",
        resource_type=ResourceType.objects.get(slug=type_slug),
        published_on=datetime.date(2026, 1, 1) + datetime.timedelta(days=day),
        file=ContentFile(pdf_bytes(title, pages=2)) if pdf else None,
        external_url="" if pdf else "https://example.org/resource",
        countries=countries,
        persecution_types=PersecutionType.objects.filter(slug__in=persecution),
        procedural_stages=ProceduralStage.objects.filter(slug__in=stages),
        is_published=True,
        **extra,
    )


@pytest.fixture
def case(transactional_db):
    devtools.demo.taxonomy.load(lambda message: None)
    attorney = AttorneyFactory(email="counsel@example.net")
    case = CaseFactory(
        attorney=attorney,
        country_of_origin="GT",
        persecution_types=list(
            PersecutionType.objects.filter(slug__in=["domestic-violence", "gender-based-violence"])
        ),
        protection_types=list(ProtectionType.objects.filter(slug="asylum")),
        procedural_stage=ProceduralStage.objects.get(slug="immigration-court"),
    )
    _resource("Asylum basics", "practice-advisory", 10, relevant_to_every_case=True, pdf=True)
    _resource("Guatemala: police response", "country-conditions", 31, countries=["GT"])
    _resource("Honduras: gang control", "country-conditions", 32, countries=["HN"])
    _resource(
        "DV brief before the immigration court",
        "sample-brief",
        60,
        persecution=["domestic-violence"],
        stages=["immigration-court"],
        pdf=True,
    )
    _resource(
        "Gender-based violence decision", "decision", 5, persecution=["gender-based-violence"]
    )
    _resource("Religion brief", "sample-brief", 40, persecution=["religion"])
    _resource(
        "Universal expert declaration on Guatemala",
        "universal-expert-declaration",
        1,
        countries=["GT"],
        authored_by_cgrs=False,
        author_name="Dr. Elena Márquez",
    )
    return case


def _titles(page):
    return page.locator(".library-card .card-title").all_inner_texts()


def test_attorney_browses_filters_and_downloads(page, sign_in, case):
    sign_in("counsel@example.net", PASSWORD)
    page.goto(f"/library/cases/{case.number}/")
    expect(page.get_by_role("heading", name=f"TA Library for case {case.number}")).to_be_visible()
    # Only the matching resources, newest first, each saying why it matched.
    assert _titles(page) == [
        "DV brief before the immigration court",
        "Guatemala: police response",
        "Asylum basics",
        "Gender-based violence decision",
        "Universal expert declaration on Guatemala",
    ]
    first = page.locator(".library-card").first
    expect(first.locator(".library-reasons")).to_contain_text(
        "Domestic violence · Defensive, before the immigration court"
    )
    expect(page.locator(".library-card").nth(1).locator(".library-reasons")).to_contain_text(
        "Guatemala"
    )
    # The blue box leads to the expert search for the client's country.
    blue = page.locator(".callout-blue").get_by_role("link")
    expect(blue).to_have_attribute("href", expert_search_url(country="GT"))

    # Two values in one group, one in another: counts and results update in place.
    page.get_by_label(re.compile(r"^Sample brief \(")).check()
    expect(page.locator("#library-total")).to_contain_text("1 resource")
    page.get_by_label(re.compile(r"^Decision \(")).check()
    expect(page.locator("#library-total")).to_contain_text("2 resources")
    assert sorted(_titles(page)) == [
        "DV brief before the immigration court",
        "Gender-based violence decision",
    ]
    page.get_by_label(re.compile(r"^Domestic violence \(")).check()
    expect(page.locator("#library-total")).to_contain_text("1 resource")
    assert _titles(page) == ["DV brief before the immigration court"]
    expect(page).to_have_url(
        re.compile(r"type=sample-brief&type=decision&persecution=domestic-violence")
    )
    # A group's own selection does not shrink its counts; the other groups' do.
    expect(page.locator("label[for=f-type-sample-brief]")).to_contain_text("(1)")
    expect(page.locator("label[for=f-type-decision]")).to_contain_text("(0)")
    expect(page.locator("label[for=f-type-practice-advisory]")).to_contain_text("(0)")
    expect(page.locator("label[for=f-persecution-gender-based-violence]")).to_contain_text("(1)")
    expect(page.locator("label[for=f-persecution-domestic-violence]")).to_contain_text("(1)")
    expect(
        page.locator("li.facet-option.is-zero").filter(has_text="Practice advisory")
    ).to_have_count(1)
    # Selected values stay visible and never greyed, whatever their count.
    expect(page.locator("li.facet-option.is-zero").filter(has_text="Decision")).to_have_count(0)

    # Untick: back to two results. Back restores the ticked state.
    page.get_by_label(re.compile(r"^Domestic violence \(")).uncheck()
    expect(page.locator("#library-total")).to_contain_text("2 resources")
    page.go_back()
    expect(page.locator("#library-total")).to_contain_text("1 resource")
    expect(page.get_by_label(re.compile(r"^Domestic violence \("))).to_be_checked()

    # A shared link opens the exact state.
    page.goto(f"/library/cases/{case.number}/?type=sample-brief&type=decision")
    expect(page.locator("#library-total")).to_contain_text("2 resources")
    expect(page.get_by_label(re.compile(r"^Decision \("))).to_be_checked()

    # Read more, then the PDF: inline on the page and as a download.
    page.get_by_role("link", name=re.compile(r"^Read more\W+DV brief before")).click()
    expect(
        page.get_by_role("heading", name="DV brief before the immigration court", level=1)
    ).to_be_visible()
    expect(page.locator("iframe.library-pdf")).to_have_count(1)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download PDF").click()
    download = download_info.value
    assert download.suggested_filename == "dv-brief-before-the-immigration-court.pdf"
    with open(download.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"
    # Tags lead back into the filtered library.
    page.get_by_role("link", name="Domestic violence").click()
    expect(page.locator("#library-total")).to_contain_text("1 resource")


def test_the_whole_library_toggle_and_the_cgrs_only_box(page, sign_in, case):
    sign_in("counsel@example.net", PASSWORD)
    page.goto(f"/library/cases/{case.number}/")
    expect(page.locator("#library-total")).to_contain_text("5 resources")
    page.get_by_label("The whole library").check()
    expect(page.locator("#library-total")).to_contain_text("7 resources")
    page.get_by_label(re.compile(r"^Show only resources authored by CGRS")).check()
    expect(page.locator("#library-total")).to_contain_text("6 resources")
    assert "Universal expert declaration on Guatemala" not in _titles(page)


def test_on_a_phone_the_filters_fold_away_and_remember_being_opened(page, sign_in, case):
    sign_in("counsel@example.net", PASSWORD)
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(f"/library/cases/{case.number}/")
    filters = page.locator("details.library-filters")
    # Folded: the first result is on the first screens, not below every filter.
    expect(filters).not_to_have_attribute("open", "")
    first = page.locator(".library-card").first.bounding_box()
    assert first is not None and first["y"] < 1400
    # "Skip to results" leads there.
    page.get_by_role("link", name="Skip to results").click()
    assert page.url.endswith("#library-results")
    # Opened, a filter applies in place and the filters stay open.
    filters.locator("summary").click()
    page.get_by_label(re.compile(r"^Sample brief \(")).check()
    expect(page.locator("#library-total")).to_contain_text("1 resource")
    expect(page.locator("details.library-filters")).to_have_attribute("open", "")
    expect(page.locator("details.library-filters summary .badge")).to_have_text("1")


def test_in_spanish_on_a_phone_long_term_names_wrap_instead_of_scrolling(page, sign_in, case):
    # The demo's Spanish names are longer than their English ones: "Investigación sobre
    # condiciones del país" is wider than a 320 px phone on one line.
    sign_in("counsel@example.net", PASSWORD)
    page.goto("/account/language/es/")
    page.set_viewport_size({"width": 320, "height": 800})
    resource = Resource.objects.get(title="Guatemala: police response")
    for url in (f"/library/cases/{case.number}/", f"/library/resources/{resource.pk}/"):
        page.goto(url)
        badge = page.locator(".badge-primary", has_text="Investigación sobre condiciones del país")
        expect(badge.first).to_be_visible()
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow == 0, f"{url} scrolls sideways by {overflow} px"


def test_on_a_wide_screen_the_filters_are_open(page, sign_in, case):
    sign_in("counsel@example.net", PASSWORD)
    page.goto(f"/library/cases/{case.number}/")
    expect(page.locator("details.library-filters")).to_have_attribute("open", "")
    expect(page.locator("details.library-filters > summary")).to_be_hidden()


def test_search_tips_open_without_script_and_stay_open_while_results_update(page, sign_in, case):
    sign_in("counsel@example.net", PASSWORD)
    page.goto("/library/")
    tips = page.locator("details.search-tips")
    expect(tips).not_to_have_attribute("open", "")
    tips.locator("summary").click()
    expect(tips.get_by_text("Honduras OR Guatemala")).to_be_visible()
    page.locator("#library-q").fill("Honduras OR Guatemala")
    expect(page.locator("#library-total")).to_contain_text("Honduras OR Guatemala")
    expect(page.locator("#library-total")).to_contain_text("3 resources")
    expect(page.locator("details.search-tips")).to_have_attribute("open", "")
