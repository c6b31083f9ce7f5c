"""How well the library's keyword search ranks what a lawyer expects: a judged query set
(queries.toml) measured with precision@10, recall@10 and nDCG@10, as typed and misspelled.

Each query is run through the selector the attorneys' library page uses
(ta_library.selectors.library_page.library_page, on the attorney-audience catalogue,
spelling correction on), and its first 10 results are compared with the judgements:
2 = exactly on point, 1 = useful; anything not judged counts as not relevant. Resources are
named by title (the demo catalogue's stable key; ids differ from one database to the next).

- precision@10: judged-relevant results among the first 10, over 10 (a query with fewer
  than 10 relevant resources cannot reach 1; `best_precision` says how high the set can go);
- recall@10: judged-relevant results among the first 10, over the number there is room
  for (min(relevant, 10): a query with 14 relevant resources that shows 10 of them scores 1);
- nDCG@10: graded gain (2^grade - 1) discounted by log2(rank + 1), over the ideal ordering
  of the judgements.
"""

from __future__ import annotations

import math
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from statistics import fmean

from django.http import QueryDict

QUERIES = Path(__file__).with_name("queries.toml")
CUTOFF = 10
GRADES = {"exact": 2, "useful": 1}
MEASURES = ("precision", "recall", "ndcg")
# A misspelling is made in a word at least this long: the search corrects nothing shorter
# (search.query.CORRECTION_MIN_LETTERS), by design; shorter typos are judged by hand.
MISSPELL_MIN_LETTERS = 5
_LETTERS = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Judged:
    query: str
    category: str
    grades: dict[str, int]  # resource title -> 2 (exactly on point) or 1 (useful)
    misspelled: str | None  # the same query misspelled; None when it has no variant


@dataclass
class JudgedSet:
    queries: list[Judged]
    floors: dict[str, dict[str, float]]  # "as_typed"/"misspelled" -> measure -> floor

    def titles(self) -> set[str]:
        return {title for judged in self.queries for title in judged.grades}


def misspell(query: str) -> str | None:
    """`query` with one typo in its longest word (the first of the longest): the two middle
    letters swapped, or, when they are the same letter, one of them left out. The first
    letter is kept (people seldom mistype it, and the search's correction assumes it).
    None when no word has MISSPELL_MIN_LETTERS letters."""
    words = [m for m in _LETTERS.finditer(query) if len(m.group()) >= MISSPELL_MIN_LETTERS]
    if not words:
        return None
    longest = max(words, key=lambda m: len(m.group()))  # max keeps the first of equals
    word = longest.group()
    middle = len(word) // 2
    if word[middle - 1].lower() != word[middle].lower():
        typo = word[: middle - 1] + word[middle] + word[middle - 1] + word[middle + 1 :]
    else:
        typo = word[:middle] + word[middle + 1 :]
    return query[: longest.start()] + typo + query[longest.end() :]


def load_set(path: Path = QUERIES) -> JudgedSet:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    queries = []
    for entry in data["query"]:
        grades = {}
        for key, grade in GRADES.items():
            for title in entry.get(key, []):
                if title in grades:
                    raise ValueError(f"{entry['q']!r}: {title!r} is judged twice")
                grades[title] = grade
        if not grades:
            raise ValueError(f"{entry['q']!r} has no relevant resources")
        misspelled = entry.get("misspelled")
        if misspelled is None and entry.get("misspell", True):
            misspelled = misspell(entry["q"])
        queries.append(
            Judged(
                query=entry["q"],
                category=entry["category"],
                grades=grades,
                misspelled=misspelled or None,
            )
        )
    return JudgedSet(queries=queries, floors=data.get("floors", {}))


def precision_at(ranked: list[str], grades: dict[str, int], k: int = CUTOFF) -> float:
    return sum(1 for title in ranked[:k] if grades.get(title, 0) > 0) / k


def recall_at(ranked: list[str], grades: dict[str, int], k: int = CUTOFF) -> float:
    relevant = sum(1 for grade in grades.values() if grade > 0)
    found = sum(1 for title in ranked[:k] if grades.get(title, 0) > 0)
    return found / min(relevant, k)


def _dcg(gains: list[int]) -> float:
    return sum((2**gain - 1) / math.log2(rank + 2) for rank, gain in enumerate(gains))


def ndcg_at(ranked: list[str], grades: dict[str, int], k: int = CUTOFF) -> float:
    ideal = _dcg(sorted(grades.values(), reverse=True)[:k])
    return _dcg([grades.get(title, 0) for title in ranked[:k]]) / ideal


@dataclass
class QueryResult:
    judged: Judged
    typed: str  # what was searched (the query or its misspelling)
    ranked: list[str]  # titles of the first CUTOFF results
    precision: float
    recall: float
    ndcg: float

    @property
    def missed(self) -> list[str]:
        """Judged resources not in the first CUTOFF, best first."""
        shown = set(self.ranked)
        return sorted(
            (t for t in self.judged.grades if t not in shown),
            key=lambda t: (-self.judged.grades[t], t),
        )


@dataclass
class Figures:
    results: list[QueryResult] = field(default_factory=list)

    def mean(self, measure: str, category: str | None = None) -> float:
        values = [
            getattr(r, measure)
            for r in self.results
            if category is None or r.judged.category == category
        ]
        return fmean(values) if values else 0.0

    def best_precision(self) -> float:
        """The highest mean precision@10 the judgements allow (every relevant result first)."""
        return fmean(min(len(r.judged.grades), CUTOFF) / CUTOFF for r in self.results)

    def categories(self) -> list[str]:
        return sorted({r.judged.category for r in self.results})

    def as_dict(self) -> dict[str, float]:
        return {measure: self.mean(measure) for measure in MEASURES}


def library_titles(query: str) -> list[str]:
    """The titles of the first CUTOFF results the attorneys' library shows for `query`."""
    from ta_library.index import catalogue_index
    from ta_library.selectors.library_page import library_page

    index = catalogue_index()
    params = QueryDict(mutable=True)
    params["q"] = query
    page = library_page(index=index, base=index.attorney_audience, params=params)
    return [card.title for card in page.cards[:CUTOFF]]


def measure(judged_set: JudgedSet, *, misspelled: bool = False, search=library_titles) -> Figures:
    figures = Figures()
    for judged in judged_set.queries:
        typed = judged.misspelled if misspelled else judged.query
        if typed is None:
            continue
        ranked = search(typed)
        figures.results.append(
            QueryResult(
                judged=judged,
                typed=typed,
                ranked=ranked,
                precision=precision_at(ranked, judged.grades),
                recall=recall_at(ranked, judged.grades),
                ndcg=ndcg_at(ranked, judged.grades),
            )
        )
    return figures


def unknown_titles(judged_set: JudgedSet) -> list[str]:
    """Judged titles the attorneys' library does not have (published, attorney audience)."""
    from ta_library.index import catalogue_index
    from ta_library.models import Resource

    index = catalogue_index()
    titles = judged_set.titles()
    present = set(
        Resource.objects.filter(title__in=titles, pk__in=list(index.attorney_audience)).values_list(
            "title", flat=True
        )
    )
    return sorted(titles - present)


def load_demo_catalogue(log) -> None:
    """The demo catalogue (taxonomy, resources, their search index), as `make run` loads it;
    each loader is idempotent, so only what is missing is added."""
    from django.db import transaction

    import devtools.demo.search
    import devtools.demo.ta_library
    import devtools.demo.taxonomy

    for loader in (
        devtools.demo.taxonomy.load,
        devtools.demo.ta_library.load,
        devtools.demo.search.load,
    ):
        with transaction.atomic():
            loader(log)
