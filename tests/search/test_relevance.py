"""The judged relevance set (devtools/relevance/queries.toml): its measures, its misspellings,
and a floor under the figures the library's search reaches on the demo catalogue."""

from io import StringIO

import pytest
from django.core.management import call_command

from devtools.relevance.measure import (
    load_set,
    misspell,
    ndcg_at,
    precision_at,
    recall_at,
)


def test_measures_on_a_worked_example():
    grades = {"a": 2, "b": 1, "c": 1}
    ranked = ["b", "x", "a"]  # 2 of 3 relevant shown, the best one third
    assert precision_at(ranked, grades) == pytest.approx(2 / 10)
    assert recall_at(ranked, grades) == pytest.approx(2 / 3)
    # DCG: (2^1-1)/log2(2) + (2^2-1)/log2(4) = 1 + 1.5; ideal: 3/1 + 1/log2(3) + 1/2
    assert ndcg_at(ranked, grades) == pytest.approx(2.5 / (3 + 1 / 1.5849625 + 0.5))
    assert ndcg_at(["a", "b", "c"], grades) == pytest.approx(1.0)
    assert precision_at([], grades) == recall_at([], grades) == ndcg_at([], grades) == 0


def test_recall_counts_only_what_fits_in_the_first_ten():
    grades = {f"r{i}": 1 for i in range(14)}
    assert recall_at([f"r{i}" for i in range(10)], grades) == 1.0


def test_misspellings_are_one_typo_in_the_longest_word():
    assert misspell("particular social group") == "partciular social group"
    assert misspell("Guatemala domestic violence") == "Guaetmala domestic violence"
    assert misspell("firm resettlement") == "firm resetltement"
    assert misspell("corroboration") == "corroobration"
    assert misspell("deeds") == "deds"  # the middle letters are the same: one is left out
    assert misspell("PSG") is None  # nothing the search would correct


def test_the_set_covers_what_the_issue_asks_for():
    judged_set = load_set()
    assert len(judged_set.queries) >= 50
    categories = {q.category for q in judged_set.queries}
    assert {"practice", "misspelling", "acronym", "citation", "country-claim", "spanish"} <= (
        categories
    )
    typed = {q.query for q in judged_set.queries}
    assert {"PSG", "CAT", "Matter of A-R-C-G-", "8 U.S.C. § 1158"} <= typed
    assert {"INA 208(b)(1)(B)(iii)", "Guatemala violencia doméstica"} <= typed
    assert sum(1 for q in judged_set.queries if q.misspelled) >= 40
    for judged in judged_set.queries:
        assert set(judged.grades.values()) <= {1, 2}, judged.query
        assert judged.misspelled != judged.query


@pytest.mark.django_db
def test_library_search_stays_above_the_floors():
    """Loads the demo catalogue (the slow part), runs every judged query as typed and
    misspelled through the library's selector, and fails when a mean falls below its floor
    in queries.toml (raise the floors there when the figures improve)."""
    out = StringIO()
    call_command("search_relevance", "--check", stdout=out)
    report = out.getvalue()
    print(report)  # the figures, for `pytest -s`
    assert "every figure is at or above its floor" in report
    assert "as typed" in report and "misspelled" in report
