"""Measure keyword search (match + ranking + snippets) at a given catalogue size.

    manage.py bench_search --resources 10000

Creates `--resources` synthetic published resources (marked "[bench]", removed first),
builds their search index in bulk (search.bench), then times each case warm. The library's
own `bench_library` measures the whole page (facets, rendering) with these search cases.
"""

import datetime
import random
import statistics
import time

from django.core.management.base import BaseCommand
from django.db import connection, reset_queries
from django.test.utils import CaptureQueriesContext

from search.bench import DOMAIN_WORDS, RARE_TITLE_WORD, index_synthetic
from search.models import SearchDocument
from search.selectors import _RESULTS, keyword_match, snippets_for

CASES = [
    ("common word", "asylum"),
    ("rare word", "refoulement"),
    ("rare title word", RARE_TITLE_WORD),
    ("misspelled word", "Guatamala"),
    ("two words, last typed", "domestic viol"),
    ("phrase", '"particular social group"'),
    ("acronym", "PSG"),
]


def timed_case(query: str, runs: int) -> dict:
    times = []
    queries = 0
    found = 0
    for _ in range(runs):
        reset_queries()
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            match = keyword_match(query)
            snippets_for(match, match.first(20)) if match else None
            times.append((time.perf_counter() - started) * 1000)
        queries = len(captured)
        found = len(match) if match else 0
    times.sort()
    return {
        "p50": statistics.median(times),
        "p95": times[min(len(times) - 1, int(len(times) * 0.95))],
        "queries": queries,
        "found": found,
    }


class Command(BaseCommand):
    help = "Time keyword search at a catalogue size (synthetic data; never in production)."

    def add_arguments(self, parser):
        parser.add_argument("--resources", type=int, default=1000)
        parser.add_argument("--runs", type=int, default=30)
        parser.add_argument("--reuse", action="store_true", help="Keep existing bench rows.")
        parser.add_argument("--reindex", action="store_true", help="Rebuild their index.")
        parser.add_argument(
            "--cold", action="store_true", help="No result cache: every search ranks again."
        )

    def handle(self, *args, resources, runs, reuse, reindex, cold, **options):
        if cold:
            _RESULTS.size = 0
        from ta_library.models import Resource
        from taxonomy.models import ResourceType

        bench = Resource.objects.filter(title__startswith="[bench]")
        if not reuse or bench.count() != resources:
            bench.delete()
            rng = random.Random(3)
            types = list(ResourceType.objects.all())
            started = time.perf_counter()
            batch = []
            for number in range(resources):
                words = rng.sample(DOMAIN_WORDS, 6)
                if number % 20_000 == 5:
                    words[2] = RARE_TITLE_WORD
                batch.append(
                    Resource(
                        title="[bench] " + " ".join(words).capitalize(),
                        summary=" ".join(rng.sample(DOMAIN_WORDS, 30)).capitalize() + ".",
                        resource_type=rng.choice(types),
                        published_on=datetime.date(2015, 1, 1)
                        + datetime.timedelta(days=rng.randrange(4000)),
                        is_published=True,
                    )
                )
                if len(batch) == 5000:
                    Resource.objects.bulk_create(batch)
                    batch = []
            Resource.objects.bulk_create(batch)
            self.stdout.write(f"{resources} resources in {time.perf_counter() - started:.1f} s")
        indexed = SearchDocument.objects.filter(resource__in=bench).count()
        if not reuse or reindex or indexed != resources:
            index_synthetic(list(bench.values_list("pk", flat=True)), log=self.stdout.write)
        self.stdout.write(f"{'case':28} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8} {'found':>8}")
        for name, query in CASES:
            timed_case(query, 3)  # warm up
            result = timed_case(query, runs)
            self.stdout.write(
                f"{name:28} {result['p50']:8.1f} {result['p95']:8.1f} "
                f"{result['queries']:8d} {result['found']:8d}"
            )
