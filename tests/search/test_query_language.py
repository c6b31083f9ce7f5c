"""The query language a practitioner expects (issue #16, item 5): `-word` excludes, `OR`
between words, citations and case names anywhere in the query matched as written; and bad
input gives a clear page, never a 500."""

import pytest
from django.urls import reverse

from search.query import MAX_QUERY_CHARACTERS
from search.selectors import keyword_match
from ta_library.selectors.keyword import MAX_QUERY_LENGTH

pytestmark = pytest.mark.django_db


def found(query: str, resources: dict) -> set[str]:
    match = keyword_match(query)
    ids = set(match.ids) if match is not None else set()
    return {name for name, resource in resources.items() if resource.pk in ids}


@pytest.fixture
def notes(make_resource, index):
    items = {
        "guatemala": make_resource("Guatemala asylum notes", "Domestic violence claims."),
        "honduras": make_resource("Honduras asylum notes", "Gang recruitment claims."),
        "withholding": make_resource("Withholding guide", "Withholding of removal basics."),
        "both": make_resource("Guatemala and Honduras", "Asylum claims in both countries."),
    }
    index(*items.values())
    return items


def test_a_minus_excludes_a_word(notes):
    assert found("asylum", notes) == {"guatemala", "honduras", "both"}
    assert found("asylum -Guatemala", notes) == {"honduras"}
    assert found("asylum -guatemala -honduras", notes) == set()
    # The excluded word is spelled out as typed in the query that was searched.
    assert found('asylum -"Guatemala and Honduras"', notes) == {"guatemala", "honduras"}


def test_a_lone_minus_is_punctuation_not_an_exclusion(notes):
    assert found("asylum - Guatemala", notes) == {"guatemala", "both"}


def test_only_exclusions_find_nothing_rather_than_everything(notes):
    match = keyword_match("-Guatemala")
    assert match is not None and not match.ids and len(match) == 0


def test_or_between_words_finds_either(notes):
    assert found("Guatemala OR withholding", notes) == {"guatemala", "withholding", "both"}
    # OR binds the words next to it; the other words are still all required.
    assert found("asylum Guatemala OR Honduras", notes) == {"guatemala", "honduras", "both"}
    assert found("notes Guatemala OR Honduras -both", notes) == {"guatemala", "honduras"}
    # "or" in lower case is an ordinary word (a stop word): both are required.
    assert found("Guatemala or withholding", notes) == set()
    assert found('"withholding of removal" OR Honduras', notes) == {
        "withholding",
        "honduras",
        "both",
    }


def test_or_with_a_synonym_on_either_side(make_resource, index):
    psg = make_resource("Particular social group notes", "Formulating a group.")
    cat = make_resource("Acquiescence", "Convention Against Torture claims.")
    other = make_resource("Bond", "Detention.")
    index(psg, cat, other)
    ids = set(keyword_match("PSG OR CAT").ids)
    assert ids == {psg.pk, cat.pk}


@pytest.fixture
def citations(make_resource, index):
    items = {
        "arcg": make_resource(
            "Domestic violence compendium",
            "Under Matter of A-R-C-G-, 26 I&N Dec. 388, 391 (BIA 2014), a group can be defined.",
        ),
        "arcg_apart": make_resource(
            "Initials and matters",
            "A-R-C-G- is discussed; as a matter of law, 26 cases cite I&N Dec. pages 388.",
        ),
        "usc": make_resource("Asylum statute", "Eligibility under 8 U.S.C. 1158(b)(1)(B)."),
        "usc_plain": make_resource("Asylum statute, short", "See 8 USC 1158 for the bars."),
        "usc_apart": make_resource("Numbers", "8 pages on U.S.C. titles; 1158 words."),
        "ina": make_resource("One central reason", "Under INA § 208(b)(1)(B)(iii), credibility."),
        "section": make_resource(
            "Credibility determinations", "Section 208(b)(1)(B)(iii) of the Act governs."
        ),
        "ina_apart": make_resource("Other section", "INA 208(a) and later (b)(1)(B)(iii) notes."),
        "versus": make_resource("Circuit law", "Lopez v. Sessions, decided in 2018."),
        "versus_apart": make_resource("Sessions", "Lopez testified at two sessions; v. 2."),
    }
    index(*items.values())
    return items


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Matter of A-R-C-G-", {"arcg"}),
        ("matter of a-r-c-g-", {"arcg"}),
        ("domestic violence Matter of A-R-C-G-", {"arcg"}),
        ("26 I&N Dec. 388", {"arcg"}),
        ("26 I&N Dec. 388, 391", {"arcg"}),  # a pinpoint page is not required
        ("26 I. & N. Dec. 388", {"arcg"}),
        ("8 U.S.C. § 1158", {"usc", "usc_plain"}),
        ("8 U.S.C. 1158(b)(1)", {"usc"}),
        ("8 USC 1158", {"usc", "usc_plain"}),
        ("eligibility 8 U.S.C. § 1158", {"usc"}),
        ("INA 208(b)(1)(B)(iii)", {"ina", "section"}),
        ("INA § 208(b)(1)(B)(iii)", {"ina", "section"}),
        ("section 208(b)(1)(B)(iii)", {"ina", "section"}),
        ("credibility INA 208(b)(1)(B)(iii)", {"ina", "section"}),
        ("Lopez v. Sessions", {"versus"}),
        ("Matter of A-R-C-G- OR Lopez v. Sessions", {"arcg", "versus"}),
        ("8 U.S.C. § 1158 -eligibility", {"usc_plain"}),
    ],
)
def test_citations_anywhere_in_the_query_are_matched_as_written(citations, query, expected):
    assert found(query, citations) == expected


def test_a_citation_keeps_its_words_corrected_around_it(citations):
    match = keyword_match("credibilty INA 208(b)(1)(B)(iii)")
    assert match.corrected == "credibility INA 208(b)(1)(B)(iii)"
    assert found("credibilty INA 208(b)(1)(B)(iii)", citations) == {"ina", "section"}


def test_misspelled_words_are_corrected_beside_operators(notes):
    match = keyword_match("asylum Guatamala OR withholdng -Hondras")
    assert match.corrected == "asylum guatemala OR withholding -honduras"


BAD_INPUT = [
    "-",
    "- - -",
    "--",
    '"unbalanced quote',
    'asylum "',
    '""',
    '-""',
    "OR",
    "OR OR",
    "OR OR asylum OR",
    "-OR",
    '- OR "',
    "§",
    "§ §§",
    "\x00",
    "asylum\x00 -\x00",
    "x" * 3_000,
    "asylum OR " * 300,
    "-asylum " * 300,
    '"' * 301,
    "Matter of",
    "8 U.S.C. §",
    "INA ()",
    "26 I&N Dec.",
    "-Matter of A-B-",
]


@pytest.mark.parametrize("query", BAD_INPUT, ids=range(len(BAD_INPUT)))
def test_bad_input_gives_a_clear_page(attorney_client, notes, query):
    url = reverse("ta_library:browse")
    response = attorney_client.get(url, {"q": query})
    assert response.status_code == 200
    library = response.context["library"]
    assert len(library.query) <= 200
    partial = attorney_client.get(url, {"q": query}, headers={"X-Partial": "results"})
    assert partial.status_code == 200


@pytest.mark.parametrize("query", ["-", "OR OR", "§", '""', '- OR "'])
def test_a_query_of_operators_only_is_no_search(attorney_client, notes, query):
    """Nothing to search for: the library as it is (every resource), not an error."""
    library = attorney_client.get(reverse("ta_library:browse"), {"q": query}).context["library"]
    assert library.total == len(notes)


@pytest.mark.parametrize("query", ["-asylum", "-asylum -Guatemala", '-"asylum notes"'])
def test_a_query_of_exclusions_only_finds_nothing(attorney_client, notes, query):
    response = attorney_client.get(reverse("ta_library:browse"), {"q": query})
    assert response.context["library"].total == 0
    assert "No resources match" in response.content.decode()


def test_a_query_too_long_for_a_link_is_cut_and_the_page_says_so(attorney_client, notes):
    # Not the "too many filters" page: that is for addresses the form cannot make.
    response = attorney_client.get(reverse("ta_library:browse"), {"q": "x" * 10_000})
    assert response.status_code == 200
    assert "ta_library/query_too_long.html" not in [t.name for t in response.templates]
    assert response.context["library"].query_too_long
    page = response.content.decode()
    # The notice and the search box give the limit the search applies.
    assert f"at most {MAX_QUERY_LENGTH} characters" in page
    assert f'maxlength="{MAX_QUERY_LENGTH}"' in page


def test_a_very_long_query_is_cut_not_refused(notes):
    long_query = "asylum " + "Guatemala " * 100
    assert len(long_query) > MAX_QUERY_CHARACTERS
    assert found(long_query, notes) == {"guatemala", "both"}


@pytest.mark.parametrize(
    ("language", "summary", "or_tip"),
    [
        ("en", "Search tips", "finds either word (OR in capitals)."),
        (
            "es",
            "Consejos de búsqueda",
            "encuentra cualquiera de las dos palabras (OR en mayúsculas).",
        ),
    ],
)
def test_search_tips_sit_beside_the_search_box_in_both_languages(
    attorney_client, notes, language, summary, or_tip
):
    """A <details> (no JavaScript needed) that documents the operators."""
    response = attorney_client.get(
        reverse("ta_library:browse"), headers={"Accept-Language": language}
    )
    html = response.content.decode()
    tips = html[html.index('<details class="search-tips"') :]
    tips = tips[: tips.index("</details>")]
    assert f"<summary>{summary}</summary>" in tips
    assert or_tip in tips
    for example in ("asylum -Guatemala", "Honduras OR Guatemala", '"withholding of removal"'):
        assert f"<code>{example}</code>" in tips
    assert "INA 208(b)(1)(B)(iii)" in tips
    assert html.index('id="library-q"') < html.index('class="search-tips"')
