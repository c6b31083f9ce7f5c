"""Benchmark the TA Library pages on a synthetic catalogue in a scratch database.

    python manage.py bench_library --resources 100000

Creates the database `cgrs_bench` (or --database) on the configured server, migrates it,
COPYs in N synthetic resources with tags, then times warm requests through Django's test
Client and the real views (middleware included), and drops the database again (unless
--keep; --reuse runs on a kept one). The main database is never touched. Add cases to
CASES (keyword `q` included). --http adds gunicorn figures (devtools.bench.http_timing).
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from devtools.bench.catalogue import build_catalogue, built_catalogue
from devtools.bench.http_timing import gunicorn_server, time_get
from devtools.bench.timing import p50_p95, percentile
from devtools.scratch_database import scratch_database
from search.selectors import matching as search_matching

# (name, which page, query string): extend with search cases as search grows.
CASES = [
    ("case library, curated", "case", ""),
    ("whole library, unfiltered", "browse", ""),
    (
        "3-group filter",
        "browse",
        "type=sample-brief&type=practice-advisory&persecution=domestic-violence&persecution=gang-violence&stage=immigration-court",
    ),
    ("narrow filter", "browse", "type=country-conditions&country=gt&topic=credibility&cgrs=1"),
    ("case library, 2 groups, page 3", "case", "scope=all&persecution=lgbtq&protection=cat&page=3"),
    ("keyword q", "browse", "q=particular+social+group"),
    ("keyword q + filter", "browse", "q=asylum&type=sample-brief"),
    # Search (search app; its index is built in bulk by devtools.bench.search_index).
    ("search: common word", "browse", "q=asylum"),
    ("search: rare word", "browse", "q=refoulement"),
    ("search: misspelled", "browse", "q=Guatamala"),
    ("search: phrase", "browse", "q=%22particular+social+group%22"),
    ("search + 2 filters", "browse", "q=asylum&type=sample-brief&persecution=domestic-violence"),
    ("search: case library", "case", "q=persecution"),
    # A short misspelling (suggested, not corrected) and the no-results block with filters.
    ("search: short misspelling", "browse", "q=womn"),
    ("search: nothing + filter", "browse", "q=womn&type=sample-brief"),
]


class Command(BaseCommand):
    help = "Time library pages on N synthetic resources in a scratch database."

    def add_arguments(self, parser):
        parser.add_argument("--resources", type=int, default=1000)
        parser.add_argument("--requests", type=int, default=0, help="per case (default by N)")
        parser.add_argument("--database", default="cgrs_bench")
        parser.add_argument("--keep", action="store_true", help="keep the scratch database")
        parser.add_argument(
            "--reuse", action="store_true", help="use a kept scratch database of the same N"
        )
        parser.add_argument(
            "--http",
            action="store_true",
            help="also time every case through gunicorn with 2 workers (as docs/performance.md)",
        )
        parser.add_argument(
            "--cold",
            action="store_true",
            help="search's result cache off (here and in gunicorn): every search ranks again",
        )

    def handle(self, *args, **options):
        # Time what production runs: no per-query debug log, no template debug info.
        settings.DEBUG = False
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
        # No collectstatic manifest needed (URLs of static files cost the same).
        settings.STORAGES = {
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
        application = "cgrs.wsgi:application"
        if options["cold"]:
            search_matching._RESULTS.size = 0
            application = "devtools.bench.cold_search:application"
        n = options["resources"]
        requests = options["requests"] or (100 if n >= 100_000 else 200)
        with scratch_database(
            options["database"], keep=options["keep"] or options["reuse"], reuse=options["reuse"]
        ) as reused:
            built = built_catalogue(n) if reused else None
            if built is None:
                if reused:
                    raise CommandError(f"The kept scratch database does not hold {n} resources.")
                started = time.perf_counter()
                built = build_catalogue(n, log=self.stdout.write)
                self.stdout.write(f"built {n:,} resources in {time.perf_counter() - started:.1f} s")
            self._attorney, case_number = built
            if options["http"]:
                with gunicorn_server(workers=2, application=application) as base_url:
                    self._run(case_number, requests, base_url)
            else:
                self._run(case_number, requests, None)

    # --- timing ---

    def _run(self, case_number: int, requests: int, base_url: str | None) -> None:
        """Each case two or three ways: `view` = RequestFactory + the real view function
        (decorators, selectors, template; no middleware), `full` = the test Client through
        every middleware (sessions, user-session tracking, ...), and with --http `gunicorn`
        = HTTP requests to gunicorn with 2 workers (devtools.bench.http_timing). `cpu` is this
        process's CPU time per view request: on a shared, loaded machine it is steadier
        than wall time (it leaves out database time and waiting for a core)."""
        from ta_library import views
        from ta_library.index import catalogue_index

        client = Client()
        client.force_login(self._attorney)
        factory = RequestFactory()
        started = time.perf_counter()
        index = catalogue_index()
        self.stdout.write(
            f"index: {len(index):,} published resources, built in "
            f"{(time.perf_counter() - started) * 1000:.0f} ms"
        )
        with connection.cursor() as cursor:
            began = time.perf_counter()
            for _ in range(50):
                cursor.execute("SELECT 1")
            self.stdout.write(
                f"database round trip (SELECT 1): {(time.perf_counter() - began) * 20:.2f} ms"
            )
        pages = {
            "case": (
                reverse("ta_library:case_library", args=[case_number]),
                lambda request: views.case_library(request, number=case_number),
            ),
            "browse": (reverse("ta_library:browse"), views.browse),
        }
        cookie = (
            f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
        )
        gunicorn_header = f" | {'gunicorn p50':>12} {'p95':>6}" if base_url else ""
        self.stdout.write(
            f"{'case':32} {'view p50':>8} {'p95':>6} {'cpu':>5} {'SQL':>3} | {'full p50':>8} "
            f"{'p95':>6} {'SQL':>3}{gunicorn_header} | results"
        )
        for name, page, query in CASES:
            path, view = pages[page]
            url = f"{path}?{query}" if query else path

            def call_view(url=url, view=view):
                request = factory.get(url)
                request.user = self._attorney
                request.session = {}
                return view(request)

            def call_client(url=url):
                return client.get(url)

            figures = []
            for call in (call_view, call_client):
                for _ in range(5):  # warm: index, templates, the session's first write
                    response = call()
                    if response.status_code != 200:
                        raise CommandError(f"{name}: HTTP {response.status_code}")
                timings, cpu = [], []
                for _ in range(requests):
                    began, began_cpu = time.perf_counter(), time.process_time()
                    call()
                    timings.append((time.perf_counter() - began) * 1000)
                    cpu.append((time.process_time() - began_cpu) * 1000)
                with CaptureQueriesContext(connection) as queries:
                    response = call()
                p50, p95 = p50_p95(timings)
                figures.append((p50, p95, len(queries), percentile(cpu, 50)))
            (v50, v95, vq, vcpu), (f50, f95, fq, _fcpu) = figures
            total = response["X-Partial-Status"].split()[0]
            served = ""
            if base_url:
                g50, g95 = time_get(base_url + url, cookie, requests=requests)
                served = f" | {g50:12.2f} {g95:6.1f}"
            self.stdout.write(
                f"{name:32} {v50:8.2f} {v95:6.1f} {vcpu:5.1f} {vq:3d} | {f50:8.2f} {f95:6.1f} "
                f"{fq:3d}{served} | {total}"
            )
