"""Every seeded synonym group, as a table (issue #16, item 1): a synonym adds alternatives and
never narrows what was typed. For each term of each group: typed without quotes, its words
apart still match; it finds the resources that use any other term of its group (the acronym
finds the expansion and the reverse); in quotes it is that exact phrase and nothing else."""

import importlib

import pytest

from search.models import SynonymGroup
from search.selectors import keyword_match
from search.text import words
from ta_library.index import catalogue_index
from ta_library.selectors.paging import OrderedIds
from ta_library.services import catalogue_changed

pytestmark = pytest.mark.django_db

SEEDED = importlib.import_module("search.migrations.0002_seed_synonyms").GROUPS


def _terms(group: str) -> list[str]:
    return [term.strip() for term in group.split(",") if term.strip()]


def _apart(term: str) -> str:
    """The term's words in reverse order with other words between: none side by side."""
    return " lorem ".join(reversed(term.split()))


def _contains_phrase(text: str, term: str) -> bool:
    have, want = words(text), words(term)
    return any(have[i : i + len(want)] == want for i in range(len(have) - len(want) + 1))


def test_the_table_covers_every_seeded_group():
    assert set(SynonymGroup.objects.values_list("terms", flat=True)) >= set(SEEDED)
    assert len(SEEDED) >= 20


@pytest.mark.parametrize("group", SEEDED, ids=[_terms(g)[0] for g in SEEDED])
def test_a_synonym_group_adds_alternatives_and_never_narrows(make_resource, index, group):
    terms = _terms(group)
    written = {
        term: make_resource(f"Practice note {n}", f"This note discusses {term} in depth.")
        for n, term in enumerate(terms)
    }
    apart = {
        term: make_resource(f"Other note {n}", f"Notes: {_apart(term)} appear here.")
        for n, term in enumerate(terms)
        if len(term.split()) > 1
    }
    unrelated = make_resource("Unrelated", "Detention bond hearings.")
    index(*written.values(), *apart.values(), unrelated)

    for term in terms:
        found = set(keyword_match(f"{term} ").ids)  # a space: no prefix matching
        # Every resource that uses any term of the group, whichever was typed.
        for other, resource in written.items():
            assert resource.pk in found, (term, other)
        # The words typed apart are still all there: found too.
        if term in apart:
            assert apart[term].pk in found, term
        assert unrelated.pk not in found, term

        # In quotes: that phrase, no synonyms (a term that contains it, "female genital
        # mutilation/cutting" for "female genital mutilation", may match it too).
        quoted = set(keyword_match(f'"{term}"').ids)
        assert written[term].pk in quoted, term
        for other, resource in written.items():
            if not _contains_phrase(other, term):
                assert resource.pk not in quoted, (term, other)
        for resource in apart.values():
            assert resource.pk not in quoted, term


def test_a_phrase_match_ranks_before_the_words_apart(make_resource, index):
    apart = make_resource("Group notes", "Social workers; a particular view.", days=90)
    phrase = make_resource("Notes", "The particular social group in brief.", days=1)
    acronym = make_resource("More notes", "How to frame a PSG.", days=2)
    index(apart, phrase, acronym)
    ranked = keyword_match("particular social group ").ranked
    assert set(ranked) == {apart.pk, phrase.pk, acronym.pk}
    assert ranked[-1] == apart.pk  # newest, and its words are in its title: still last


def test_many_matches_put_the_phrase_tier_first(make_resource, index, monkeypatch):
    """Above the full-ranking limit, results come in tiers: the phrase (or synonym) in title
    or summary, the phrase anywhere, the words in title or summary, the rest."""
    from search.selectors import matching

    apart_in_title = make_resource("Particular group, social aspects", "Other.", days=90)
    phrase_in_summary = make_resource("Notes", "A particular social group.", days=1)
    acronym_in_title = make_resource("PSG basics", "Other.", days=2)
    index(apart_in_title, phrase_in_summary, acronym_in_title)
    monkeypatch.setattr(matching, "FULL_RANK_LIMIT", 1)
    match = keyword_match("particular social group ")
    assert match.ranked is None
    tiers = [set(tier) for tier in match.tiers]
    assert tiers == [{acronym_in_title.pk, phrase_in_summary.pk}, {apart_in_title.pk}]
    # ...each newest first, in the order the library pages them.
    catalogue_changed()
    catalogue = catalogue_index()
    shown = OrderedIds(catalogue, catalogue.everything & match.ids, match)[:]
    assert shown == [acronym_in_title.pk, phrase_in_summary.pk, apart_in_title.pk]


def test_a_typed_synonym_is_a_complete_word_not_a_prefix(make_resource, index):
    """While typing, a last word also matches as a prefix; a term that spells a synonym is
    complete ("PSG" does not find "psgxyz")."""
    psg = make_resource("PSG notes", "Formulating a group.")
    longer = make_resource("Other", "The psgxyz protocol.")
    index(psg, longer)
    assert set(keyword_match("PSG").ids) == {psg.pk}
