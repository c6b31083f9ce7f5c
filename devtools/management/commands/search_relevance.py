"""Measure the library's keyword search against the judged query set.

    manage.py search_relevance              # in the current database
    manage.py search_relevance --verbose    # and every query: its figures, what it missed
    manage.py search_relevance --scratch cgrs_relevance   # in a fresh scratch database
    manage.py search_relevance --check      # fail when a figure falls below its floor

The demo catalogue is loaded first when a judged resource is missing (never under
production settings). The set and the floors are in devtools/relevance/queries.toml.
"""

from __future__ import annotations

import contextlib
import tempfile
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from devtools.relevance.measure import (
    CUTOFF,
    MEASURES,
    Figures,
    load_demo_catalogue,
    load_set,
    measure,
    unknown_titles,
)
from devtools.scratch_database import scratch_database

SETS = (("as_typed", "as typed"), ("misspelled", "misspelled"))


def _storages_in(folder: str) -> dict:
    default = settings.STORAGES["default"]
    return {
        **settings.STORAGES,
        "default": {**default, "OPTIONS": {**default.get("OPTIONS", {}), "location": folder}},
    }


class Command(BaseCommand):
    help = "Print precision@10, recall@10 and nDCG@10 of library search over the judged set."

    def add_arguments(self, parser):
        parser.add_argument("--verbose", action="store_true", help="figures of every query")
        parser.add_argument(
            "--scratch", metavar="DATABASE", help="run in a fresh scratch database of this name"
        )
        parser.add_argument(
            "--keep", action="store_true", help="keep the scratch database (and reuse it)"
        )
        parser.add_argument(
            "--check", action="store_true", help="fail when a mean is below its floor"
        )

    def handle(self, *args, verbose, scratch, keep, check, **options):
        judged_set = load_set()
        with contextlib.ExitStack() as stack:
            if scratch:
                stack.enter_context(scratch_database(scratch, keep=keep, reuse=keep))
                # The demo's files go to a throwaway folder, not among the real ones: they
                # would outlive the scratch database that points at them.
                files = stack.enter_context(tempfile.TemporaryDirectory(prefix="cgrs-relevance-"))
                stack.enter_context(override_settings(STORAGES=_storages_in(files)))
            missing = unknown_titles(judged_set)
            if missing:
                if not settings.DEMO_DATA_ALLOWED:
                    raise CommandError(
                        "The demo catalogue is never loaded under production settings."
                    )
                started = time.perf_counter()
                load_demo_catalogue(lambda message: None)
                self.stdout.write(f"demo catalogue loaded in {time.perf_counter() - started:.1f} s")
                missing = unknown_titles(judged_set)
            if missing:
                raise CommandError(
                    "Judged resources the library does not have (fix queries.toml or the demo):\n"
                    + "\n".join(f"  {title}" for title in missing)
                )
            started = time.perf_counter()
            figures = {
                name: measure(judged_set, misspelled=name == "misspelled") for name, _ in SETS
            }
            elapsed = time.perf_counter() - started
        self.report(figures, verbose=verbose)
        searched = sum(len(f.results) for f in figures.values())
        self.stdout.write(f"{searched} searches in {elapsed:.1f} s")
        if check:
            self.check_floors(figures, judged_set.floors)

    def report(self, figures: dict[str, Figures], *, verbose: bool) -> None:
        out = self.stdout.write
        if verbose:
            for name, label in SETS:
                out(f"\n{label}:")
                for result in figures[name].results:
                    out(
                        f"  P {result.precision:.2f}  R {result.recall:.2f}  "
                        f"nDCG {result.ndcg:.2f}  [{result.judged.category}] {result.typed}"
                    )
                    for title in result.missed:
                        out(f"      missed ({result.judged.grades[title]}): {title}")
            out("")
        out(
            f"{'set':<24} {'queries':>7} {f'P@{CUTOFF}':>7} {f'R@{CUTOFF}':>7} "
            f"{f'nDCG@{CUTOFF}':>8}"
        )
        for name, label in SETS:
            f = figures[name]
            out(
                f"{label:<24} {len(f.results):>7} {f.mean('precision'):>7.3f} "
                f"{f.mean('recall'):>7.3f} {f.mean('ndcg'):>8.3f}"
            )
            for category in f.categories():
                count = sum(1 for r in f.results if r.judged.category == category)
                out(
                    f"  {category:<22} {count:>7} {f.mean('precision', category):>7.3f} "
                    f"{f.mean('recall', category):>7.3f} {f.mean('ndcg', category):>8.3f}"
                )
        out(
            f"(best possible P@{CUTOFF} as typed: {figures['as_typed'].best_precision():.3f}: "
            f"most queries have fewer than {CUTOFF} relevant resources)"
        )

    def check_floors(self, figures: dict[str, Figures], floors: dict) -> None:
        below = []
        for name, _label in SETS:
            for measure_name in MEASURES:
                floor = floors.get(name, {}).get(measure_name)
                if floor is None:
                    raise CommandError(f"queries.toml has no floor for {name}.{measure_name}")
                value = figures[name].mean(measure_name)
                if value < floor:
                    below.append(f"{name} {measure_name} {value:.3f} < floor {floor:.3f}")
        if below:
            raise CommandError("Relevance fell below its floors:\n" + "\n".join(below))
        self.stdout.write("every figure is at or above its floor")
