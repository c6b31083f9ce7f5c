"""What a person searching the library notices: typos forgiven, citations found, synonyms,
passages with their page, accents ignored, hostile input harmless."""

import re

import pytest

from search.models import SynonymGroup
from search.selectors import keyword_match
from ta_library.index import catalogue_index
from ta_library.selectors.paging import OrderedIds
from ta_library.services import catalogue_changed
from tests.search.snippets import page_snippets

pytestmark = pytest.mark.django_db


def ids(match):
    return set(match.ids)


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("Guatamala", "guatemala"),
        ("persecusion", "persecution"),
        ("domestc violence", "domestic violence"),
        ("Hondras", "honduras"),
    ],
)
def test_a_misspelling_finds_what_the_right_spelling_finds(library, typed, meant):
    right = keyword_match(meant)
    assert right.ids and right.corrected == ""
    wrong = keyword_match(typed)
    assert wrong.corrected == meant
    assert wrong.ranked == right.ranked and wrong.ids == right.ids
    # "search instead for" what was typed: no correction, and here nothing found.
    assert len(keyword_match(typed, correct=False)) == 0
    assert keyword_match(typed, correct=False).corrected == ""


def test_misspelled_words_keep_the_rest_of_the_query(library):
    match = keyword_match('Guatamala "particular social group"')
    assert match.corrected == 'guatemala "particular social group"'
    assert ids(match) == {library["guatemala"].pk}


@pytest.mark.parametrize("typed", ["Pery", "Hond", "gang", "Cuba"])
def test_short_words_are_never_corrected(library, typed):
    assert keyword_match(typed).corrected == ""


@pytest.mark.parametrize(
    ("typed", "suggestion", "corrected", "exact_suggestion"),
    [
        ("womn", "women", "", "women"),
        ("Womn", "women", "", "women"),
        ("indigenous womn", "indigenous women", "", "indigenous women"),
        # A long misspelling is corrected as usual (not with "search instead for"); the
        # short one is only offered.
        ("womn Guatamala", "women guatemala", "womn guatemala", "women Guatamala"),
    ],
)
def test_a_short_word_that_finds_nothing_is_offered_a_common_word_not_corrected(
    library, typed, suggestion, corrected, exact_suggestion
):
    match = keyword_match(typed)
    assert match.corrected == corrected
    assert len(match) == 0  # "womn" was searched as typed
    assert match.suggestion == suggestion
    # Offered to "search instead for" too: short words were never corrected there either.
    assert keyword_match(typed, correct=False).suggestion == exact_suggestion
    # Taking the suggestion finds what it says.
    assert keyword_match(suggestion).ids


@pytest.mark.parametrize(
    "typed",
    [
        "Pery",  # "peru" is in one resource only: not common enough to offer
        "gang",  # a word of the library: nothing to suggest
        "wo",  # too short to guess at
        "wmn",  # two edits from "women"
        "wome",  # still being typed: the beginning of "women"
        "guatemala -womn",  # a word left out is not why nothing was found
    ],
)
def test_no_suggestion_without_a_close_common_word(library, typed):
    assert keyword_match(typed).suggestion == ""


def test_a_word_in_the_library_is_not_corrected_into_a_more_frequent_one(
    library, make_resource, index
):
    # "hondura" (a real word in one resource) is one letter from "honduras".
    index(make_resource("Hondura river basin", "Hydrology."))
    match = keyword_match("hondura")
    assert match.corrected == ""


def test_words_of_unpublished_resources_are_not_suggested(library):
    assert keyword_match("xylophonix").corrected == ""


def test_the_last_word_is_a_prefix_while_typing(library):
    assert library["honduras"].pk in ids(keyword_match("gang Hondu"))
    # Half-typed words longer than their stem ("persecutio" of "persecution", stem
    # "persecut") still find it, and are not "corrected".
    for typed in ("persecutio", "domestic violen", "Guatema"):
        match = keyword_match(typed)
        assert library["guatemala"].pk in ids(match), typed
        assert match.corrected == ""
    # With a space after it, the word is complete: no prefix.
    assert len(keyword_match("Hondu ")) == 0


def test_a_prefix_whose_completions_are_all_known_searches_them_instead(
    library, make_resource, index, monkeypatch
):
    """When every vocabulary word the last word begins came back with the lexicon, those
    words stand for the prefix (no partial-match scan of the index); when there are more
    than are fetched, the prefix itself is searched too. Both find the same resources."""
    from search.selectors import lexicon

    gangs = make_resource("Gangsters and gangland recruitment", "Gangs in Honduras.")
    index(gangs)
    for typed in ("Guatema", "domestic violen", "persecutio", "Hondu", "gan"):
        match = keyword_match(typed)
        assert ":*" not in match.tsquery, typed
        assert ids(match), typed
    everything_listed = set(ids(keyword_match("gan")))
    assert {gangs.pk, library["honduras"].pk} <= everything_listed
    monkeypatch.setattr(lexicon, "PREFIX_COMPLETIONS", 2)  # gang, gangs, gangsters...
    too_many = keyword_match("gan")
    assert ":*" in too_many.tsquery
    assert set(ids(too_many)) == everything_listed


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("A-R-C-G-", {"guatemala"}),
        ("Matter of A-R-C-G-", {"guatemala"}),
        ("Matter of A-B-", {"honduras"}),
        ("27 I&N Dec. 316", {"honduras"}),
        ("26 I&N Dec. 388", {"guatemala"}),
        ('"particular social group"', {"guatemala"}),
        ("208-123-456", {"honduras"}),
        ('"Matter of A-B-C-"', {"abc"}),
    ],
)
def test_citations_case_numbers_and_phrases_find_the_documents_that_contain_them(
    library, query, expected
):
    found = {name for name, resource in library.items() if resource.pk in ids(keyword_match(query))}
    assert found == expected


def test_a_phrase_needs_its_words_together(library):
    # "scrambled" has all three words, apart: only the unquoted search finds it.
    scrambled = library["scrambled"].pk
    assert scrambled not in ids(keyword_match('"particular social group"'))
    assert scrambled in ids(keyword_match("particular group membership"))


@pytest.mark.parametrize(
    ("acronym", "spelled_out", "resource"),
    [
        ("PSG", "particular social group", "guatemala"),
        ("CAT", "Convention Against Torture", "cat"),
        ("FGM/C", "female genital mutilation", "fgm"),
        ("DV", "domestic violence", "guatemala"),
        ("IJ", "immigration judge", "honduras"),
        ("NTA", "notice to appear", "nta"),
        ("BIA", "Board of Immigration Appeals", "guatemala"),
    ],
)
def test_acronyms_and_what_they_stand_for_find_each_other(library, acronym, spelled_out, resource):
    assert library[resource].pk in ids(keyword_match(acronym))
    if resource != "guatemala" or acronym != "BIA":
        assert ids(keyword_match(acronym)) >= ids(keyword_match(f'"{spelled_out}"'))
    # And the other way: the spelled-out words find the resource that only has the acronym.
    assert library["psg_acronym"].pk in ids(keyword_match("particular social group"))


def test_synonyms_staff_add_work_at_once(library, make_resource, index):
    visa = make_resource("Special immigrant visa pathways", "For interpreters.")
    index(visa)
    assert visa.pk not in ids(keyword_match("SIV"))
    SynonymGroup.objects.create(terms="SIV, special immigrant visa")
    assert visa.pk in ids(keyword_match("SIV"))
    SynonymGroup.objects.filter(terms__startswith="SIV").update(is_active=False)
    assert visa.pk not in ids(keyword_match("SIV"))


def test_accents_do_not_matter(library):
    peru = library["peru"].pk
    assert peru in ids(keyword_match("Peru"))
    assert peru in ids(keyword_match("Perú"))
    assert peru in ids(keyword_match("PERU indigenous"))
    snippet = page_snippets(keyword_match("Peru"), [peru])[peru]
    assert "<mark>Perú</mark>" in snippet.html


def test_the_snippet_is_the_passage_that_matched_with_its_page(library):
    guatemala = library["guatemala"].pk
    match = keyword_match("persecution")
    snippet = page_snippets(match, [guatemala])[guatemala]
    assert snippet.page == 3
    assert "<mark>Persecution</mark>" in snippet.html or "<mark>persecution</mark>" in snippet.html
    citation = page_snippets(keyword_match("A-R-C-G-"), [guatemala])[guatemala]
    assert citation.page == 2
    assert "I&amp;N Dec. 388" in citation.html


def test_a_docx_snippet_has_no_page_and_a_title_match_shows_the_summary(library):
    honduras = library["honduras"].pk
    snippet = page_snippets(keyword_match("Matter of A-B-"), [honduras])[honduras]
    assert snippet.page is None
    assert "<mark>" in snippet.html
    cat = library["cat"].pk
    summary = page_snippets(keyword_match("torture"), [cat])[cat]
    assert summary.page is None and "Acquiescence" in summary.html


def test_snippets_are_html_safe(library, make_resource, index):
    hostile = make_resource(
        "Escaping check", 'Asylum <script>alert("x")</script> & <img src=x onerror=alert(1)>'
    )
    index(hostile)
    guatemala = library["guatemala"].pk
    snippets = {
        **page_snippets(keyword_match("asylum"), [hostile.pk]),
        **page_snippets(keyword_match("risk"), [guatemala]),
    }
    assert set(snippets) == {hostile.pk, guatemala}
    for snippet in snippets.values():
        without_marks = snippet.html.replace("<mark>", "").replace("</mark>", "")
        assert "<" not in without_marks and ">" not in without_marks
        assert not re.search(r"&(?!amp;|lt;|gt;|quot;|#x27;)", without_marks)
    assert "&lt;" in snippets[guatemala].html and "&amp;" in snippets[guatemala].html


HOSTILE = [
    "",
    "   ",
    "x" * 10_000,
    "a " * 5_000,
    '"unbalanced quote',
    '"""',
    "&|!():*<->",
    "asylum & | ! ( ) : * <-> <2>",
    "'; DROP TABLE search_passage; --",
    "asylum' OR 1=1 --",
    "\\' \\\\ \\",
    "Гватемала насилие",
    "危地马拉 庇护",
    "غواتيمالا",
    "\x00\x01 null bytes",
    "\ue000marker\ue001",
    "peru:* & !honduras",
    "🙂🙂🙂",
]


@pytest.mark.parametrize("query", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_queries_are_harmless(library, query):
    match = keyword_match(query)
    if match is not None:
        page_snippets(match, list(match.ids)[:20])
    assert keyword_match("guatemala").ids  # and the index is still there


def test_nothing_searchable_is_none(library):
    assert keyword_match("") is None
    assert keyword_match(" ... ;;; ") is None
    assert keyword_match("the") is None or len(keyword_match("the")) == 0


def test_ranking_puts_title_matches_first(library, make_resource, index):
    body_only = make_resource("Unrelated title", "Mentions Honduras once.", days=30)
    index(body_only)
    ranked = keyword_match("Honduras").ranked
    assert ranked.index(library["honduras"].pk) < ranked.index(body_only.pk)


def test_many_matches_rank_title_and_summary_hits_first_then_newest(
    library, make_resource, index, monkeypatch
):
    from search.selectors import matching

    older_title_hit = make_resource("Nexus primer", "Basics.", days=1)
    newest_body_only = make_resource("Unrelated", "Other.", days=90)
    newer_title_hit = make_resource("Nexus and gangs", "Gangs.", days=60)
    index(older_title_hit, newest_body_only, newer_title_hit)
    newest_body_only.summary = "Other."
    # Only the body mentions nexus: give it a file.
    from django.core.files.base import ContentFile

    from tests.search.documents import pdf_with_pages

    newest_body_only.file.save("b.pdf", ContentFile(pdf_with_pages(["A long nexus analysis."])))
    index(newest_body_only)
    monkeypatch.setattr(matching, "FULL_RANK_LIMIT", 2)
    match = keyword_match("nexus")
    assert match.ranked is None  # tiers: title/summary hits, then the rest
    assert [set(tier) for tier in match.tiers] == [
        {newer_title_hit.pk, older_title_hit.pk},
        {newest_body_only.pk},
    ]
    # ...each newest first, in the order the library pages them.
    catalogue_changed()
    catalogue = catalogue_index()
    shown = OrderedIds(catalogue, catalogue.everything & match.ids, match)[:]
    assert shown == [newer_title_hit.pk, older_title_hit.pk, newest_body_only.pk]


@pytest.mark.parametrize("how", ["bulk action", "admin save"])
def test_words_of_a_newly_published_resource_join_the_vocabulary_at_once(
    library, make_resource, index, django_capture_on_commit_callbacks, how
):
    """Publishing tells search (a re-index after commit), so the resource's words are
    completed and never "corrected" away before the hourly vocabulary refresh."""
    from ta_library import services

    draft = make_resource("Guatemalteco asylum seekers", "Guatemalteco families.", published=False)
    index(draft)
    assert draft.pk not in ids(keyword_match("Guatemal"))  # completions: guatemala only
    with django_capture_on_commit_callbacks(execute=True):
        if how == "bulk action":
            services.resources_set_published(resource_ids=[draft.pk], published=True)
        else:
            draft.is_published = True
            draft.save(update_fields=["is_published"])
            services.resource_saved(resource=draft, changed_fields=["is_published"], created=False)
    assert draft.pk in ids(keyword_match("Guatemal"))
    assert keyword_match("Guatemaltecos").corrected == ""
