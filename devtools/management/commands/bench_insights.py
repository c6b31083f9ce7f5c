"""Benchmark the outcome insights pages on synthetic outcomes in a scratch database.

    python manage.py bench_insights --outcomes 100000
    python manage.py bench_insights --outcomes 1000000 --keep   # then --reuse to re-time

Creates `cgrs_bench_insights` (or --database) on the configured server, migrates it,
generates N outcomes in SQL (devtools.synthetic_outcomes), builds the fact and summary tables, then
times warm requests to the real views through Django's test Client (every middleware) and
drops the database again (unless --keep / --reuse). The main database is never touched.
"""

from __future__ import annotations

import random
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.http import QueryDict
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.http import urlencode

from devtools.bench.timing import p50_p95, percentile
from devtools.scratch_database import scratch_database
from insights.cube import CUBES, cube_for, grouping_of
from insights.dimensions import DENIAL_REASON_CODES, LEVEL_CODES
from insights.forms import COLUMN_KEYS, FILTER_KEYS, ROW_KEYS, parse_choices

# (name, URL name, query string). The set that answers each is printed beside it; the last
# few need the largest sets (a country and a court with multi-valued dimensions).
CASES = [
    ("default: country x outcome", "insights:staff", ""),
    ("trend: year x outcome", "insights:staff", "rows=year&columns=result"),
    ("country x year", "insights:staff", "rows=country&columns=year"),
    ("court x year", "insights:staff", "rows=location&columns=year"),
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
        "type x denial, 1 country",
        "insights:staff",
        "rows=persecution_type&columns=denial_reason&country=GT",
    ),
    (
        "court x year, type + country",
        "insights:staff",
        "rows=location&columns=year&country=GT&persecution_type=1",
    ),
    (
        "court x type, country + protection",
        "insights:staff",
        "rows=location&columns=persecution_type&country=GT&protection_type=1",
    ),
    (
        "country x denial, court + type",
        "insights:staff",
        "rows=country&columns=denial_reason&location=Houston+Immigration+Court&persecution_type=1",
    ),
    (
        "type x protection, country + court + denial",
        "insights:staff",
        "rows=persecution_type&columns=protection_type&country=GT"
        "&location=Houston+Immigration+Court&denial_reason=nexus",
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
        parser.add_argument(
            "--random", type=int, default=60, help="random page choices to time (0: none)"
        )
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
            self._run(staff, attorney, requests, options["random"])

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
        from devtools.synthetic_outcomes import generate_outcomes
        from insights.services import facts_rebuild
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

    def _run(self, staff, attorney, requests: int, samples: int) -> None:
        from cases.models import Case

        sizes = {}
        with connection.cursor() as cursor:
            for cube in CUBES:
                cursor.execute(
                    "SELECT count(*) FROM insights_outcomecube WHERE grouping = %s",
                    [grouping_of(cube)],
                )
                sizes[cube] = cursor.fetchone()[0]
                self.stdout.write(f"summary set {sorted(cube)}: {sizes[cube]:,} rows")
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
            f"{'case':44} {'p50 ms':>7} {'p95':>6} {'cpu':>6} {'sql':>6} {'SQL':>4}  "
            "answered from (rows in the set)"
        )
        for name, url_name, query in CASES:
            client = clients["attorney" if url_name.startswith("insights:attorney") else "staff"]
            timed = self._time(client, reverse(url_name), query, requests)
            self.stdout.write(
                f"{name:44} {timed['p50']:7.1f} {timed['p95']:6.1f} {timed['cpu']:6.1f} "
                f"{timed['sql']:6.1f} {timed['queries']:4d}  {self._source(query, sizes)}"
            )
        if samples:
            self._sample(clients["staff"], samples, sizes)
        self._refresh_one_case()

    def _refresh_one_case(self) -> None:
        """The write side: what recounting one case costs a report or a case edit."""
        from insights.services import facts_refresh

        with connection.cursor() as cursor:
            cursor.execute("SELECT case_id FROM insights_outcomefact LIMIT 1")
            case_id = cursor.fetchone()[0]
        timings = []
        for _ in range(10):
            began = time.perf_counter()
            # Idempotent: the case's counts are taken away and added back.
            facts_refresh(case_ids=[case_id])
            timings.append((time.perf_counter() - began) * 1000)
        p50, p95 = p50_p95(timings)
        self.stdout.write(f"recounting one case (facts_refresh): p50 {p50:.1f} ms, p95 {p95:.1f}")

    def _time(self, client, path: str, query: str, requests: int) -> dict:
        """The page through Django's test client (every middleware, the template rendered)."""
        url = path + (f"?{query}" if query else "")
        for _ in range(3):
            response = client.get(url)
            if response.status_code != 200:
                raise CommandError(f"{url}: HTTP {response.status_code}")
        timings, cpu = [], []
        for _ in range(requests):
            began, began_cpu = time.perf_counter(), time.process_time()
            client.get(url)
            timings.append((time.perf_counter() - began) * 1000)
            cpu.append((time.process_time() - began_cpu) * 1000)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        p50, p95 = p50_p95(timings)
        return {
            "p50": p50,
            "p95": p95,
            "cpu": percentile(cpu, 50),
            # The statements' wall time as run (EXPLAIN ANALYZE would add planning noise).
            "sql": sum(float(q["time"]) for q in queries.captured_queries) * 1000,
            "queries": len(queries),
        }

    def _source(self, query: str, sizes: dict) -> str:
        parsed = parse_choices(QueryDict(query))
        cube = cube_for({parsed.query.rows, parsed.query.columns, *parsed.query.filters})
        if cube is None:
            return "facts"
        return (
            f"{'+'.join(sorted(cube - {'year', 'result', 'adjudicator_level'}))} ({sizes[cube]:,})"
        )

    def _sample(self, client, samples: int, sizes: dict) -> None:
        """Random pages as a user could choose them (any rows, columns and filters, values
        from a random reported outcome), each timed a few times: the spread over views."""
        chooser = random.Random(18)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT country, persecution_types, protection_types, adjudicator_level, "
                "location, year, result, denial_reasons FROM insights_outcomefact "
                "TABLESAMPLE SYSTEM (1) REPEATABLE (18) LIMIT %s",
                [samples],
            )
            outcomes = cursor.fetchall()
        levels = {code: value for value, code in LEVEL_CODES.items()}
        reasons = {code: value for value, code in DENIAL_REASON_CODES.items()}
        timed = []
        for n in range(samples):
            (country, types, protection, level, location, year, result, denial) = outcomes[
                n % len(outcomes)
            ]
            values = {
                "country": country,
                "persecution_type": types[0] if types else "",
                "protection_type": protection[0] if protection else "",
                "adjudicator_level": levels.get(level, ""),
                "location": location,
                "year": year,
                "result": result,
                "denial_reason": reasons[denial[0]] if denial else "",
            }
            params = {
                "rows": chooser.choice(ROW_KEYS),
                "columns": chooser.choice(COLUMN_KEYS),
            }
            for key in FILTER_KEYS:
                if chooser.random() < 0.4 and values[key] != "":
                    params[key] = values[key]
            query = urlencode(params)
            result_ = self._time(client, reverse("insights:staff"), query, 5)
            timed.append((result_["p50"], result_["cpu"], result_["queries"], query))
        timed.sort()
        p50s = [t[0] for t in timed]
        self.stdout.write(
            f"{samples} random views (5 requests each; p50 per view): "
            f"median {percentile(p50s, 50):.1f} ms, p95 {percentile(p50s, 95):.1f} ms, "
            f"max {p50s[-1]:.1f} ms; queries per page {sorted({t[2] for t in timed})}"
        )
        for p50, cpu, _queries, query in timed[-3:]:
            self.stdout.write(
                f"  slowest: {p50:.1f} ms (cpu {cpu:.1f})  ?{query}  "
                f"from {self._source(query, sizes)}"
            )
