"""Benchmark the outcome insights pages on synthetic outcomes in a scratch database.

    python manage.py bench_insights --outcomes 100000
    python manage.py bench_insights --outcomes 1000000 --keep   # then --reuse to re-time

Creates `cgrs_bench_insights` (or --database) on the configured server, migrates it,
generates N outcomes in SQL (insights.synthetic), builds the fact and summary tables, then
times warm requests to the real views through Django's test Client (every middleware) and
drops the database again (unless --keep / --reuse). The main database is never touched.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.http import QueryDict
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from devtools.bench.timing import p50_p95, percentile
from devtools.scratch_database import scratch_database
from insights.cube import CUBES, cube_for, grouping_of
from insights.forms import parse_choices

# (name, URL name, query string). Which table answers is printed beside each.
CASES = [
    ("default: country x outcome", "insights:staff", ""),
    ("trend: year x outcome", "insights:staff", "rows=year&columns=result"),
    ("country x year", "insights:staff", "rows=country&columns=year"),
    ("type x outcome, 1 country", "insights:staff", "rows=persecution_type&country=GT"),
    (
        "court x denial reason, 1 year",
        "insights:staff",
        "rows=location&columns=denial_reason&year=2024",
    ),
    ("adjudicator x year", "insights:staff", "rows=adjudicator&columns=year"),
    (
        "protection x outcome, 2 filters",
        "insights:staff",
        "rows=protection_type&country=HN&adjudicator_level=immigration_judge",
    ),
    ("type x protection", "insights:staff", "rows=persecution_type&columns=protection_type"),
    (
        "type x denial, 1 country (facts)",
        "insights:staff",
        "rows=persecution_type&columns=denial_reason&country=GT",
    ),
    (
        "court x year, type + country (facts)",
        "insights:staff",
        "rows=location&columns=year&country=GT&persecution_type=1",
    ),
    ("CSV export, default", "insights:staff_csv", ""),
    ("attorney page, country x year", "insights:attorney", "rows=country&columns=year"),
]


class Command(BaseCommand):
    help = "Time the outcome insights pages on N synthetic outcomes in a scratch database."

    def add_arguments(self, parser):
        parser.add_argument("--outcomes", type=int, default=100_000)
        parser.add_argument("--requests", type=int, default=0, help="per case (default by N)")
        parser.add_argument("--database", default="cgrs_bench_insights")
        parser.add_argument("--keep", action="store_true", help="keep the scratch database")
        parser.add_argument("--reuse", action="store_true", help="time a kept database again")

    def handle(self, *args, **options):
        # Time what production runs: no per-query debug log, no template debug info.
        settings.DEBUG = False
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
        settings.STORAGES = {
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
        n = options["outcomes"]
        requests = options["requests"] or (30 if n >= 1_000_000 else 60)
        with scratch_database(
            options["database"], keep=options["keep"] or options["reuse"], reuse=options["reuse"]
        ) as reused:
            staff, attorney = self._users()
            if not reused:
                self._build(n, attorney)
            elif not self._facts():
                raise CommandError("The kept scratch database holds no outcomes.")
            self._run(staff, attorney, requests)

    def _users(self):
        import devtools.demo.taxonomy
        from accounts.models import Role
        from devtools.demo.accounts import ensure_demo_user, ensure_staff_two_factor

        devtools.demo.taxonomy.load(lambda message: None)
        staff = ensure_demo_user("bench-staff@example.org", "Bench staff", "", None, staff=True)
        ensure_staff_two_factor(staff)
        attorney = ensure_demo_user(
            "bench-attorney@example.org", "Bench attorney", Role.ATTORNEY, None
        )
        return staff, attorney

    def _facts(self) -> int:
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM insights_outcomefact")
            return cursor.fetchone()[0]

    def _build(self, n: int, attorney) -> None:
        from insights.services import facts_rebuild
        from insights.synthetic import generate_outcomes
        from taxonomy.models import ProceduralStage

        stage = ProceduralStage.objects.order_by("position").first()
        began = time.perf_counter()
        generate_outcomes(
            attorney_id=attorney.pk, stage_id=stage.pk, outcomes=n, cases=min(80_000, n // 12 + 1)
        )
        self.stdout.write(f"generated {n:,} outcomes in {time.perf_counter() - began:.1f} s")
        began = time.perf_counter()
        facts_rebuild()
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE insights_outcomefact")
            cursor.execute("VACUUM ANALYZE insights_outcomecube")
        self.stdout.write(
            f"facts + summary built in {time.perf_counter() - began:.1f} s "
            f"({self._facts():,} facts)"
        )

    def _run(self, staff, attorney, requests: int) -> None:
        from cases.models import Case

        with connection.cursor() as cursor:
            for cube in CUBES:
                cursor.execute(
                    "SELECT count(*) FROM insights_outcomecube WHERE grouping = %s",
                    [grouping_of(cube)],
                )
                self.stdout.write(f"summary set {sorted(cube)}: {cursor.fetchone()[0]:,} rows")
        if not Case.objects.filter(attorney=attorney).exists():
            raise CommandError("The attorney has no case (the attorney page would be closed).")
        clients = {}
        for role, user in (("staff", staff), ("attorney", attorney)):
            clients[role] = Client()
            clients[role].force_login(user)
        self.stdout.write(
            "wall = request time (on a shared, loaded machine it includes waiting for a core); "
            "cpu = this process's CPU per request (p50); sql = the statements' time, one request"
        )
        self.stdout.write(
            f"{'case':40} {'p50 ms':>7} {'p95':>6} {'cpu':>6} {'sql':>6} {'SQL':>4}  answered from"
        )
        for name, url_name, query in CASES:
            client = clients["attorney" if url_name.startswith("insights:attorney") else "staff"]
            url = reverse(url_name) + (f"?{query}" if query else "")
            for _ in range(3):
                response = client.get(url)
                if response.status_code != 200:
                    raise CommandError(f"{name}: HTTP {response.status_code}")
            timings, cpu = [], []
            for _ in range(requests):
                began, began_cpu = time.perf_counter(), time.process_time()
                client.get(url)
                timings.append((time.perf_counter() - began) * 1000)
                cpu.append((time.process_time() - began_cpu) * 1000)
            with CaptureQueriesContext(connection) as queries:
                client.get(url)
            # The database's own time for this page's statements (EXPLAIN ANALYZE would
            # add planning noise; this is the wall time of each statement as run).
            sql_ms = sum(float(q["time"]) for q in queries.captured_queries) * 1000
            p50, p95 = p50_p95(timings)
            parsed = parse_choices(QueryDict(query))
            used = {parsed.query.rows, parsed.query.columns, *parsed.query.filters}
            source = "summary" if cube_for(used) else "facts"
            self.stdout.write(
                f"{name:40} {p50:7.1f} {p95:6.1f} {percentile(cpu, 50):6.1f} {sql_ms:6.1f} "
                f"{len(queries):4d}  {source}"
            )
