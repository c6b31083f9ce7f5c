"""Benchmark the TA Library pages on a synthetic catalogue in a scratch database.

    python manage.py bench_library --resources 100000

Creates the database `cgrs_bench` (or --database) on the configured server, migrates it,
COPYs in N synthetic resources with tags, then times warm requests through Django's test
Client and the real views (middleware included), and drops the database again (unless
--keep). The main database is never touched. Add cases to CASES (keyword `q` included).
"""

from __future__ import annotations

import random
import statistics
import time
from datetime import date, timedelta

import psycopg
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, connections
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

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
    # Search (search app; its index is built in bulk by search.bench.index_synthetic).
    ("search: common word", "browse", "q=asylum"),
    ("search: rare word", "browse", "q=refoulement"),
    ("search: misspelled", "browse", "q=Guatamala"),
    ("search: phrase", "browse", "q=%22particular+social+group%22"),
    ("search + 2 filters", "browse", "q=asylum&type=sample-brief&persecution=domestic-violence"),
    ("search: case library", "case", "q=persecution"),
]
COUNTRIES = ["GT", "HN", "SV", "MX", "PE", "CO", "VE", "NI", "CU", "HT", "EC", "BR", "AF", "IR",
             "CN", "RU", "CM", "ER", "ET", "CD", "GN", "ML", "SO", "UG", "NG", "BD", "MM", "IN",
             "PK", "RO", "UA", "TR", "SY", "IQ", "YE", "SD", "LK", "NP", "KH", "VN"]  # fmt: skip
WORDS = [
    *[
        "asylum",
        "persecution",
        "particular",
        "social",
        "group",
        "nexus",
        "credibility",
        "withholding",
        "removal",
    ],
    *[
        "torture",
        "country",
        "conditions",
        "declaration",
        "brief",
        "motion",
        "court",
        "board",
        "appeal",
    ],
    *[
        "evidence",
        "corroboration",
        "relocation",
        "protection",
        "gang",
        "violence",
        "domestic",
        "family",
    ],
]


class Command(BaseCommand):
    help = "Time library pages on N synthetic resources in a scratch database."

    def add_arguments(self, parser):
        parser.add_argument("--resources", type=int, default=1000)
        parser.add_argument("--requests", type=int, default=0, help="per case (default by N)")
        parser.add_argument("--database", default="cgrs_bench")
        parser.add_argument("--keep", action="store_true", help="keep the scratch database")

    def handle(self, *args, **options):
        if not settings.DEMO_DATA_ALLOWED:
            raise CommandError("The bench never runs under production settings.")
        # Time what production runs: no per-query debug log, no template debug info.
        settings.DEBUG = False
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
        # No collectstatic manifest needed (URLs of static files cost the same).
        settings.STORAGES = {
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
        n = options["resources"]
        scratch = options["database"]
        main = connections["default"].settings_dict["NAME"]
        if scratch == main:
            raise CommandError("The scratch database must not be the main database.")
        requests = options["requests"] or (100 if n >= 100_000 else 200)
        self._create_database(scratch)
        try:
            self._use(scratch)
            call_command("migrate", verbosity=0)
            started = time.perf_counter()
            case_number = self._build(n)
            self.stdout.write(f"built {n:,} resources in {time.perf_counter() - started:.1f} s")
            self._run(case_number, requests)
        finally:
            self._use(main)
            if not options["keep"]:
                self._drop_database(scratch)

    # --- database plumbing ---

    def _admin_connection(self):
        params = connections["default"].get_connection_params()
        params["dbname"] = "postgres"
        return psycopg.connect(**params, autocommit=True)

    def _create_database(self, name: str) -> None:
        with self._admin_connection() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
            admin.execute(f'CREATE DATABASE "{name}"')

    def _drop_database(self, name: str) -> None:
        with self._admin_connection() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def _use(self, name: str) -> None:
        connections["default"].close()
        connections["default"].settings_dict["NAME"] = name

    # --- synthetic catalogue ---

    def _build(self, n: int) -> int:
        from allauth.account.models import EmailAddress

        from accounts.models import AccountType, User
        from cases.models import Case
        from ta_library.models import Resource
        from ta_library.services import catalogue_changed
        from taxonomy import demo as taxonomy_demo
        from taxonomy.models import (
            PersecutionType,
            ProceduralStage,
            ProtectionType,
            ResourceType,
            Topic,
        )

        taxonomy_demo.load(lambda _message: None)
        rng = random.Random(n)
        types = list(ResourceType.objects.values_list("id", "country_specific"))
        persecution = list(PersecutionType.objects.values_list("id", flat=True))
        protection = list(ProtectionType.objects.values_list("id", flat=True))
        stages = list(ProceduralStage.objects.values_list("id", flat=True))
        topics = list(Topic.objects.values_list("id", flat=True))
        first = date(2010, 1, 1)
        raw = connection.connection  # psycopg connection: COPY for speed
        with raw.cursor() as cursor:
            columns = (
                "id, title, summary, resource_type_id, published_on, authored_by_cgrs, "
                "author_name, file, external_url, video_url, countries, relevant_to_every_case, "
                "audience, is_published, created_at, updated_at"
            )
            with cursor.copy(f"COPY {Resource._meta.db_table} ({columns}) FROM STDIN") as copy:
                for rid in range(1, n + 1):
                    type_id, specific = rng.choice(types)
                    codes = "{" + ",".join(rng.sample(COUNTRIES, rng.randint(1, 2))) + "}"
                    copy.write_row(
                        (
                            rid,
                            " ".join(rng.choices(WORDS, k=6)).capitalize(),
                            " ".join(rng.choices(WORDS, k=30)),
                            type_id,
                            first + timedelta(days=rng.randint(0, 6000)),
                            rng.random() < 0.7,
                            "",
                            f"library/bench/{rid}.pdf",
                            "",
                            "",
                            codes if specific else "{}",
                            rng.random() < 0.03,
                            rng.choice(["attorneys"] * 8 + ["both", "experts"]),
                            rng.random() < 0.95,
                            "2026-01-01T00:00:00Z",
                            "2026-01-01T00:00:00Z",
                        )
                    )
            for field, terms in (
                ("persecution_types", persecution),
                ("protection_types", protection),
                ("procedural_stages", stages),
                ("topics", topics),
            ):
                through = getattr(Resource, field).through
                column = f"{getattr(Resource, field).field.related_model._meta.model_name}_id"
                with cursor.copy(
                    f"COPY {through._meta.db_table} (resource_id, {column}) FROM STDIN"
                ) as copy:
                    for rid in range(1, n + 1):
                        for term in rng.sample(terms, rng.choice([0, 1, 1, 2, 3])):
                            copy.write_row((rid, term))
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{Resource._meta.db_table}', 'id'), %s)",
                [n],
            )
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {Resource._meta.db_table}")
        catalogue_changed()
        from search.bench import index_synthetic

        index_synthetic(list(range(1, n + 1)), log=self.stdout.write)
        attorney = User.objects.create_user(
            email="bench-attorney@example.org", password="bench-pass-2026",  # noqa: S106
            full_name="Bench Attorney", account_type=AccountType.ATTORNEY,
        )  # fmt: skip
        EmailAddress.objects.create(
            user=attorney, email=attorney.email, verified=True, primary=True
        )
        case = Case.objects.create(
            number=12345,
            attorney=attorney,
            country_of_origin="GT",
            procedural_stage=ProceduralStage.objects.get(slug="immigration-court"),
        )
        case.persecution_types.set(PersecutionType.objects.filter(slug__in=["domestic-violence"]))
        case.protection_types.set(ProtectionType.objects.filter(slug__in=["asylum", "cat"]))
        self._attorney = attorney
        return case.number

    # --- timing ---

    def _run(self, case_number: int, requests: int) -> None:
        """Each case twice: `view` = RequestFactory + the real view function (decorators,
        selectors, template; no middleware), `full` = the test Client through every
        middleware (sessions, allauth's user-session tracking, ...). `cpu` is this
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
        self.stdout.write(
            f"{'case':32} {'view p50':>8} {'p95':>6} {'cpu':>5} {'SQL':>3} | {'full p50':>8} "
            f"{'p95':>6} {'SQL':>3} | results"
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
                timings.sort()
                p95 = timings[min(len(timings) - 1, int(len(timings) * 0.95))]
                figures.append(
                    (statistics.median(timings), p95, len(queries), statistics.median(cpu))
                )
            (v50, v95, vq, vcpu), (f50, f95, fq, _fcpu) = figures
            total = response["X-Partial-Status"].split()[0]
            self.stdout.write(
                f"{name:32} {v50:8.2f} {v95:6.1f} {vcpu:5.1f} {vq:3d} | {f50:8.2f} {f95:6.1f} "
                f"{fq:3d} | {total}"
            )
