"""The library pages as an attorney, expert or staff member sees them."""

import datetime
import re

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.urls import reverse

from experts.links import expert_search_url
from ta_library.models import Audience, Resource
from ta_library.services import resource_create
from tests.cases.factories import CaseFactory
from tests.ta_library.factories import (
    ResourceFactory,
    ResourceTypeFactory,
    country_conditions_type,
    persecution,
    stage,
)
from tests.ta_library.helpers import pdf_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(users):
    return CaseFactory(attorney=users["attorney"], country_of_origin="GT")


def _library(client, case, query=""):
    url = reverse("ta_library:case_library", args=[case.number])
    return client.get(f"{url}?{query}" if query else url)


def _titles(response) -> list[str]:
    return [card.title for card in response.context["library"].cards]


def test_case_library_holds_general_and_matching_resources_with_reasons(attorney_client, case):
    ResourceFactory(title="Asylum basics", relevant_to_every_case=True)
    ResourceFactory(
        title="DV brief at court", persecution_types=[persecution()], procedural_stages=[stage()]
    )
    ResourceFactory(
        title="Guatemala conditions", resource_type=country_conditions_type(), countries=["GT"]
    )
    ResourceFactory(
        title="Honduras conditions", resource_type=country_conditions_type(), countries=["HN"]
    )
    ResourceFactory(title="Religion brief", persecution_types=[persecution("religion")])
    ResourceFactory(
        title="DV brief for the BIA",
        persecution_types=[persecution()],
        procedural_stages=[stage("bia")],
    )
    ResourceFactory(
        title="Unpublished DV brief", persecution_types=[persecution()], is_published=False
    )
    ResourceFactory(
        title="Expert-only guide", relevant_to_every_case=True, audience=Audience.EXPERTS
    )

    response = _library(attorney_client, case)
    assert response.status_code == 200
    assert sorted(_titles(response)) == [
        "Asylum basics",
        "DV brief at court",
        "Guatemala conditions",
    ]
    html = response.content.decode()
    assert "Domestic violence · Defensive, before the immigration court" in html
    assert "Relevant to every case" in html
    # The blue box: the expert search for the client's country, built in one place.
    assert f'href="{expert_search_url(country="GT")}"'.replace("&", "&amp;") in html

    # The toggle: the whole library, with the same filters.
    everything = _library(attorney_client, case, "scope=all")
    assert len(_titles(everything)) == 6
    assert "Unpublished DV brief" not in _titles(everything)


def test_editing_the_intake_rematches_at_once(attorney_client, case):
    ResourceFactory(title="Religion brief", persecution_types=[persecution("religion")])
    assert _titles(_library(attorney_client, case)) == []
    case.persecution_types.add(persecution("religion"))
    assert _titles(_library(attorney_client, case)) == ["Religion brief"]


def test_a_resource_published_today_appears_on_the_next_load(attorney_client, case):
    assert _titles(_library(attorney_client, case)) == []
    resource_create(
        title="New general advisory",
        summary="Published today.",
        resource_type=ResourceTypeFactory(slug="practice-advisory"),
        published_on=datetime.date.today(),
        external_url="https://example.org/a",
        relevant_to_every_case=True,
        is_published=True,
    )
    assert _titles(_library(attorney_client, case)) == ["New general advisory"]


def test_new_since_last_visit_marker(attorney_client, case):
    with time_machine.travel(datetime.datetime(2026, 3, 1, 9, 0, tzinfo=datetime.UTC), tick=False):
        attorney_client.force_login(case.attorney)  # sessions time out between days
        ResourceFactory(
            title="Old",
            relevant_to_every_case=True,
            first_published_at=datetime.datetime(2026, 2, 1, tzinfo=datetime.UTC),
        )
        first = _library(attorney_client, case)
        assert not any(
            c.is_new for c in first.context["library"].cards
        )  # a first visit marks nothing
    with time_machine.travel(datetime.datetime(2026, 3, 5, 9, 0, tzinfo=datetime.UTC), tick=False):
        attorney_client.force_login(case.attorney)  # sessions time out between days
        resource_create(
            title="Fresh",
            summary="New.",
            resource_type=ResourceTypeFactory(slug="practice-advisory"),
            published_on=datetime.date(2026, 3, 5),
            external_url="https://example.org/a",
            relevant_to_every_case=True,
            is_published=True,
        )
        second = _library(attorney_client, case)
        marks = {c.title: c.is_new for c in second.context["library"].cards}
        assert marks == {"Fresh": True, "Old": False}
        assert "New since your last visit" in second.content.decode()
    with time_machine.travel(datetime.datetime(2026, 3, 5, 9, 10, tzinfo=datetime.UTC), tick=False):
        attorney_client.force_login(case.attorney)  # sessions time out between days
        # Same sitting (filtering, reloading): the marker stays.
        again = _library(attorney_client, case, "cgrs=1")
        assert {c.title: c.is_new for c in again.context["library"].cards}["Fresh"] is True
    with time_machine.travel(datetime.datetime(2026, 3, 6, 9, 0, tzinfo=datetime.UTC), tick=False):
        attorney_client.force_login(case.attorney)  # sessions time out between days
        later = _library(attorney_client, case)
        assert not any(c.is_new for c in later.context["library"].cards)


def test_another_attorneys_case_is_not_found(client_for, make_user, case):
    other = CaseFactory(attorney=make_user("attorney"))
    assert _library(client_for("attorney"), other).status_code == 404
    assert _library(client_for("staff"), other).status_code == 200


@pytest.mark.parametrize(
    "query",
    [
        "type=nope&country=%00&persecution=" + "a" * 200,
        "page=-1",
        "page=99999",
        "page=abc",
        "cgrs=yes&scope=%E2%80%AE",
        "country=GT&country=gt&country=",
    ],
)
def test_malformed_filters_are_ignored(attorney_client, case, query):
    ResourceFactory(relevant_to_every_case=True)
    response = _library(attorney_client, case, query)
    assert response.status_code == 200
    assert response.context["library"].total == 1


@pytest.mark.parametrize(
    "query",
    [
        "q=%00",
        "q=a%00b",
        "q=%01%02%7F",
        "q=%E2%80%AE%EF%BF%BF",
        "q=%ZZ",
        "q=' OR 1=1 --",
        "q=:*&|!",
    ],
)
def test_hostile_keyword_text_never_breaks_the_page(attorney_client, case, query):
    assert _library(attorney_client, case, query).status_code == 200


def test_a_long_keyword_query_is_cut_not_refused(attorney_client, case):
    response = _library(attorney_client, case, "q=" + "persecution%20" * 250)
    assert response.status_code == 200
    assert len(response.context["library"].query) <= 200
    assert "Your search is too long" in response.content.decode()


def test_a_short_query_has_no_length_notice(attorney_client, case):
    response = _library(attorney_client, case, "q=" + "persecution%20" * 10)
    assert "Your search is too long" not in response.content.decode()


@pytest.mark.parametrize("view", ["case", "browse"])
def test_a_pasted_essay_says_the_search_is_too_long_and_keeps_the_filters(
    attorney_client, case, view
):
    """10,000 characters in the search box: not "Too many filters", not a 500. The page
    says the search is too long and the person's filters still apply."""
    ResourceFactory(title="Not by CGRS", authored_by_cgrs=False, author_name="Another org")
    ResourceFactory(title="By CGRS", relevant_to_every_case=True)
    query = "cgrs=1&q=" + "a" * 10_000
    if view == "case":
        response = _library(attorney_client, case, query)
    else:
        response = attorney_client.get(f"{reverse('ta_library:browse')}?{query}")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Too many filters" not in html
    assert "Your search is too long: a search can have at most 200 characters." in html
    assert 'aria-describedby="library-q-too-long"' in html
    library = response.context["library"]
    assert library.query == "a" * 200
    assert "cgrs=1" in library.querystring
    assert "Not by CGRS" not in html


def test_a_huge_query_string_is_refused_cleanly(attorney_client, case):
    response = _library(attorney_client, case, "&".join(f"topic=t{i}" for i in range(800)))
    assert response.status_code == 400
    assert "Too many filters" in response.content.decode()


def test_partial_update_renders_only_the_results_region(attorney_client, case):
    ResourceFactory(relevant_to_every_case=True)
    url = reverse("ta_library:case_library", args=[case.number])
    response = attorney_client.get(url, HTTP_X_PARTIAL="results")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html and 'data-partial-region="results"' in html
    assert response["X-Partial-Status"] == "1 resources"


def test_keyword_box_and_exact_param_are_kept(attorney_client, case):
    response = _library(attorney_client, case, "q=persecution&exact=1&type=sample-brief")
    html = response.content.decode()
    assert 'name="q" value="persecution"' in html
    assert 'name="exact" value="1"' in html
    assert "exact=1" in response.context["library"].querystring


def test_results_are_newest_first_twenty_a_page(attorney_client, case):
    for day in range(45):
        ResourceFactory(
            relevant_to_every_case=True,
            published_on=datetime.date(2024, 1, 1) + datetime.timedelta(days=day),
        )
    first = _library(attorney_client, case).context["library"]
    assert first.total == 45 and len(first.cards) == 20
    dates = [c.resource.published_on for c in first.cards]
    assert dates == sorted(dates, reverse=True) and dates[0] == datetime.date(2024, 2, 14)
    third = _library(attorney_client, case, "page=3").context["library"]
    assert len(third.cards) == 5
    assert third.cards[-1].resource.published_on == datetime.date(2024, 1, 1)


def _with_pdf(**fields) -> Resource:
    resource = ResourceFactory(external_url="", **fields)
    resource.file.save("x.pdf", ContentFile(pdf_bytes()), save=True)
    return resource


def test_resource_page_shows_the_pdf_inline_with_a_frame_for_it_only(attorney_client):
    resource = _with_pdf(persecution_types=[persecution()])
    response = attorney_client.get(reverse("ta_library:resource_detail", args=[resource.pk]))
    html = response.content.decode()
    assert f'src="{reverse("ta_library:resource_file", args=[resource.pk])}"' in html
    assert reverse("ta_library:resource_download", args=[resource.pk]) in html
    csp = response["Content-Security-Policy"]
    assert "frame-src 'self';" in csp and "youtube" not in csp
    # Tags link back into the filtered library.
    assert f"{reverse('ta_library:browse')}?persecution=domestic-violence" in html


@pytest.mark.parametrize(
    ("url", "embed", "origin"),
    [
        (
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
            "https://www.youtube-nocookie.com",
        ),
        (
            "https://vimeo.com/76979871",
            "https://player.vimeo.com/video/76979871?dnt=1",
            "https://player.vimeo.com",
        ),
    ],
)
def test_videos_play_through_privacy_enhanced_players(attorney_client, url, embed, origin):
    resource = ResourceFactory(external_url="", video_url=url)
    response = attorney_client.get(reverse("ta_library:resource_detail", args=[resource.pk]))
    assert f'src="{embed}"'.replace("&", "&amp;") in response.content.decode()
    frame_src = next(p for p in response["Content-Security-Policy"].split(";") if "frame-src" in p)
    assert frame_src.strip() == f"frame-src {origin}"


def test_other_pages_frame_nothing(attorney_client, case):
    link = ResourceFactory()
    detail = attorney_client.get(reverse("ta_library:resource_detail", args=[link.pk]))
    assert "frame-src 'none'" in detail["Content-Security-Policy"]
    assert "frame-src 'none'" in _library(attorney_client, case)["Content-Security-Policy"]


def test_files_are_served_through_the_permission_checked_view(attorney_client, client_for):
    resource = _with_pdf()
    inline = attorney_client.get(reverse("ta_library:resource_file", args=[resource.pk]))
    assert inline.status_code == 200
    assert inline["Content-Type"] == "application/pdf"
    assert inline["Content-Disposition"].startswith("inline")
    assert inline["X-Content-Type-Options"] == "nosniff"
    assert inline["Cache-Control"] == "no-store"
    assert inline["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in inline["Content-Security-Policy"]
    assert b"".join(inline.streaming_content).startswith(b"%PDF-")
    download = attorney_client.get(reverse("ta_library:resource_download", args=[resource.pk]))
    assert download["Content-Disposition"].startswith("attachment")
    assert download["Content-Disposition"].endswith('.pdf"')
    assert download["Cache-Control"] == "no-store"
    # The stored name is random, not the uploader's.
    assert "x.pdf" not in resource.file.name
    assert (
        client_for("pro_se")
        .get(reverse("ta_library:resource_download", args=[resource.pk]))
        .status_code
        == 403
    )


def test_staff_preview_unpublished_resources(staff_client, attorney_client):
    resource = ResourceFactory(is_published=False)
    url = reverse("ta_library:resource_detail", args=[resource.pk])
    assert attorney_client.get(url).status_code == 404
    response = staff_client.get(url)
    assert "Preview: this resource is not published" in response.content.decode()


def test_related_resources(attorney_client):
    dv = persecution()
    main = ResourceFactory(title="Main", persecution_types=[dv])
    ResourceFactory(title="Sibling", persecution_types=[dv])
    ResourceFactory(
        title="Unrelated type",
        resource_type=ResourceTypeFactory(slug="decision"),
        persecution_types=[dv],
    )
    response = attorney_client.get(reverse("ta_library:resource_detail", args=[main.pk]))
    assert [r.title for r in response.context["related"]] == ["Sibling"]


def test_expert_library_shows_expert_material_only(client_for):
    ResourceFactory(title="Writing a declaration", audience=Audience.EXPERTS)
    ResourceFactory(title="Webinar for both", audience=Audience.BOTH)
    ResourceFactory(title="Attorney brief", audience=Audience.ATTORNEYS)
    response = client_for("expert").get(reverse("ta_library:expert_library"))
    assert sorted(_titles(response)) == ["Webinar for both", "Writing a declaration"]


def test_news_lists_cgrs_material_with_links_for_attorneys_only(client, attorney_client):
    ResourceFactory(title="CGRS advisory", authored_by_cgrs=True)
    ResourceFactory(title="Other org brief", authored_by_cgrs=False, author_name="Another org")
    public = client.get(reverse("ta_library:news"))
    html = public.content.decode()
    assert "CGRS advisory" in html and "Other org brief" not in html
    assert "/library/resources/" not in html
    assert "/library/resources/" in attorney_client.get(reverse("ta_library:news")).content.decode()


def test_news_in_spanish_says_the_resources_are_english_and_marks_them_so(client):
    # A screen reader reads the English titles with English sounds (WCAG 3.1.2), and a
    # Spanish reader is told before the list why it is in English.
    ResourceFactory(title="CGRS advisory", authored_by_cgrs=True)
    html = client.get(reverse("ta_library:news"), HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert '<html lang="es"' in html
    assert "CGRS escribe sus recursos en inglés" in html
    assert '<h2 class="card-title" lang="en">CGRS advisory</h2>' in html
    english = client.get(reverse("ta_library:news"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "CGRS writes its resources in English" not in english


def test_my_account_links_to_the_case_library(attorney_client, case):
    html = attorney_client.get(reverse("accounts:my_account")).content.decode()
    assert reverse("ta_library:case_library", args=[case.number]) in html
    assert "View TA Library for this case" in html


def test_country_names_follow_the_readers_language(client_for, settings):
    ResourceFactory(resource_type=country_conditions_type(), countries=["MX"])
    english = client_for("attorney").get(reverse("ta_library:browse"))
    assert ">Mexico <" in english.content.decode()
    spanish_client = client_for("attorney")
    spanish_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    spanish = spanish_client.get(reverse("ta_library:browse"))
    assert ">México <" in spanish.content.decode()


def test_a_resource_opened_from_a_case_library_leads_back_to_it(attorney_client, case):
    resource = ResourceFactory(title="Asylum basics", relevant_to_every_case=True)
    detail = reverse("ta_library:resource_detail", args=[resource.pk])
    library_url = reverse("ta_library:case_library", args=[case.number])
    cards = _library(attorney_client, case).content.decode()
    assert f'href="{detail}?case={case.number}"' in cards
    page = attorney_client.get(f"{detail}?case={case.number}").content.decode()
    assert f'<a href="{library_url}">TA Library for case {case.number}</a>' in page
    assert f'href="{library_url}" data-back-to-case' in page
    # The whole library, opened directly, still leads to the whole library.
    plain = attorney_client.get(detail).content.decode()
    assert library_url not in plain and "data-back-to-case" not in plain
    assert f'<a href="{reverse("ta_library:browse")}">TA Library</a>' in plain


def test_another_attorneys_case_reads_like_a_case_that_does_not_exist(attorney_client, case):
    """No link, and nothing on the page that tells the two apart: the same page, number for
    number, as for a case number no one has."""
    other = CaseFactory()
    resource = ResourceFactory(relevant_to_every_case=True)
    ResourceFactory(relevant_to_every_case=True)  # a related resource, whose link could carry it
    detail = reverse("ta_library:resource_detail", args=[resource.pk])
    unknown = next(n for n in range(10000, 99999) if n not in (case.number, other.number))
    seen = attorney_client.get(detail, {"case": other.number}).content.decode()
    missing = attorney_client.get(detail, {"case": unknown}).content.decode()
    assert "data-back-to-case" not in seen
    assert _without_tokens(seen.replace(str(other.number), "N")) == _without_tokens(
        missing.replace(str(unknown), "N")
    )


def _without_tokens(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


@pytest.mark.parametrize("raw", ["other", "abc", "", "1", "99999999999999999999", "-5"])
def test_the_way_back_never_names_a_case_the_reader_cannot_open(attorney_client, case, raw):
    """Another attorney's case number (or junk) in ?case= gives the plain page, not a link
    that would confirm the number exists."""
    other = CaseFactory()
    resource = ResourceFactory(relevant_to_every_case=True)
    value = str(other.number) if raw == "other" else raw
    response = attorney_client.get(
        reverse("ta_library:resource_detail", args=[resource.pk]), {"case": value}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "data-back-to-case" not in html
    assert reverse("ta_library:case_library", args=[other.number]) not in html


def test_english_resource_text_is_marked_english_on_spanish_pages(attorney_client, case, settings):
    """Titles and summaries are CGRS's English text: a screen reader on a Spanish page reads
    them with English sounds when they say lang="en" (WCAG 3.1.2), as TA Program News does."""
    resource = ResourceFactory(
        title="Asylum basics", summary="What every brief needs.", relevant_to_every_case=True
    )
    related = ResourceFactory(title="More basics", relevant_to_every_case=True)
    attorney_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    for response in (
        _library(attorney_client, case),
        attorney_client.get(reverse("ta_library:browse")),
    ):
        html = response.content.decode()
        assert '<html lang="es"' in html
        assert re.search(r'<h3 class="card-title" lang="en"><a [^>]+>Asylum basics</a></h3>', html)
        assert '<p class="card-summary" lang="en">What every brief needs.</p>' in html
        assert ': <span lang="en">Asylum basics</span></span>' in html
    detail = attorney_client.get(reverse("ta_library:resource_detail", args=[resource.pk]))
    html = detail.content.decode()
    assert '<h1 lang="en">Asylum basics</h1>' in html
    assert '<p class="lead" lang="en">What every brief needs.</p>' in html
    assert '<span aria-current="page" lang="en">Asylum basics</span>' in html
    related_url = reverse("ta_library:resource_detail", args=[related.pk])
    assert f'href="{related_url}" lang="en">More basics<' in html


def test_an_empty_case_library_offers_the_whole_librarys_count(attorney_client, case):
    """Nothing curated to the case matches: the page says how many the whole library has for
    the same filters and links there (the filters kept, scope=all)."""
    ResourceFactory(title="Asylum basics", relevant_to_every_case=True)
    for code in ("HN", "SV"):
        ResourceFactory(
            title=f"{code} conditions", resource_type=country_conditions_type(), countries=[code]
        )
    response = _library(attorney_client, case, "type=country-conditions")
    library = response.context["library"]
    assert library.total == 0
    assert library.whole_library_total == 2
    html = response.content.decode()
    assert "The whole TA Library has 2 resources for this search." in html
    querystring = library.whole_library_querystring
    assert "type=country-conditions" in querystring and "scope=all" in querystring
    assert f'href="?{querystring.replace("&", "&amp;")}"' in html
    everything = _library(attorney_client, case, library.whole_library_querystring)
    assert everything.context["library"].total == 2
    # The whole library itself, or a case library with results, says nothing of the kind.
    assert "The whole TA Library has" not in _library(attorney_client, case).content.decode()
    assert "The whole TA Library has" not in everything.content.decode()
