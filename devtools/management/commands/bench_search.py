"""Measure keyword search alone (match + ranking + snippets) at a catalogue size.

    manage.py bench_search --resources 10000

Builds the same synthetic catalogue as `bench_library` (devtools.bench.catalogue) in a scratch
database (`cgrs_bench_search`, or --database; dropped afterwards unless --keep; --reuse runs
on a kept one), then times
each case warm. The main database is never touched. `bench_library` measures the whole page
(facets, rendering, middleware) with these search cases.
"""

import itertools
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from devtools.bench.catalogue import build_catalogue, built_catalogue
from devtools.bench.search_index import RARE_TITLE_WORD
from devtools.bench.timing import p50_p95
from devtools.scratch_database import scratch_database
from search.selectors import keyword_match, snippet_of, with_snippets
from search.selectors.matching import _RESULTS
from ta_library.models import Resource
from ta_library.selectors.cards import CARD_FIELDS

CASES = [
    ("common word", "asylum"),
    ("rare word", "refoulement"),
    ("rare title word", RARE_TITLE_WORD),
    ("misspelled word", "Guatamala"),
    ("two words, last typed", "domestic viol"),
    ("phrase", '"particular social group"'),
    ("acronym", "PSG"),
    # The query language of issue #16: a synonym typed in words finds them apart (ranked
    # in tiers: the phrase first), exclusion, OR, citations.
    ("synonym typed in words", "particular social group"),
    ("word -excluded", "asylum -violence"),
    ("word OR word", "refoulement OR nonrefoulement"),
    ("case name", "Matter of A-R-C-G-"),
    ("statute section", "INA 208(b)(1)(B)(iii)"),
]


def first_page(match) -> list[int]:
    """20 of the match's ids, best first as far as search orders them (its ranking, or its
    tiers one after the other). Which 20 the library shows within a tier is its own order
    (bench_library measures that); reading their snippets costs the same either way."""
    ordered = match.ranked if match.ranked is not None else itertools.chain(*match.tiers)
    return list(itertools.islice(ordered, 20))


def timed_case(query: str, runs: int) -> dict:
    """What a library page pays for its keyword part: the match, then its first page's rows
    with their snippets, read as the page reads them (with_snippets, snippet_of)."""
    times = []
    queries = 0
    found = 0
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            match = keyword_match(query)
            if match:
                rows = Resource.objects.filter(pk__in=first_page(match)).only(*CARD_FIELDS)
                [snippet_of(row) for row in with_snippets(rows, match)]
            times.append((time.perf_counter() - started) * 1000)
        queries = len(captured)
        found = len(match) if match else 0
    p50, p95 = p50_p95(times)
    return {
        "p50": p50,
        "p95": p95,
        "queries": queries,
        "found": found,
    }


class Command(BaseCommand):
    help = "Time keyword search on N synthetic resources in a scratch database."

    def add_arguments(self, parser):
        parser.add_argument("--resources", type=int, default=1000)
        parser.add_argument("--runs", type=int, default=30)
        parser.add_argument("--database", default="cgrs_bench_search")
        parser.add_argument("--keep", action="store_true", help="keep the scratch database")
        parser.add_argument(
            "--reuse", action="store_true", help="use a kept scratch database of the same N"
        )
        parser.add_argument(
            "--cold", action="store_true", help="No result cache: every search ranks again."
        )

    def handle(self, *args, resources, runs, database, keep, reuse, cold, **options):
        if cold:
            _RESULTS.size = 0
        with scratch_database(database, keep=keep or reuse, reuse=reuse) as reused:
            if not reused or built_catalogue(resources) is None:
                if reused:
                    raise CommandError(
                        f"The kept scratch database does not hold {resources} resources."
                    )
                started = time.perf_counter()
                build_catalogue(resources, log=self.stdout.write)
                self.stdout.write(
                    f"built {resources:,} resources in {time.perf_counter() - started:.1f} s"
                )
            self.stdout.write(
                f"{'case':28} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8} {'found':>8}"
            )
            for name, query in CASES:
                timed_case(query, 3)  # warm up
                result = timed_case(query, runs)
                self.stdout.write(
                    f"{name:28} {result['p50']:8.1f} {result['p95']:8.1f} "
                    f"{result['queries']:8d} {result['found']:8d}"
                )
