"""Time the alerts at scale in a scratch database: matching one new resource against every
open case, and building the weekly digests of every attorney.

    manage.py bench_alerts                       # 10,000 attorneys, 100,000 open cases

Case numbers have five digits (90,000 of them), so the scratch database drops the number's
unique and range constraints to hold 100,000 cases; nothing here reads the number.
"""

from __future__ import annotations

import random
import statistics
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection, transaction

from alerts.digests import digests_build
from alerts.tasks import send_digest
from cases.models import AlertFrequency, Case
from cgrs.models import OutboxMessage
from cgrs.tasks import enqueue_each
from devtools.scratch_database import scratch_database
from ta_library.case_match import record_matches
from ta_library.models import Audience, CaseMatch, Resource
from taxonomy.models import PersecutionType, ProceduralStage, ProtectionType, ResourceType

# Django's marker for "no password": these accounts cannot sign in.
UNUSABLE_PASSWORD = "!"  # noqa: S105
COUNTRIES = ["GT", "HN", "SV", "MX", "VE", "CO", "ER", "AF", "CN", "RU"]
BATCH = 5_000


class RolledBack(Exception):
    """Raised to undo a timed run (the digests are built again by the next one)."""


class Command(BaseCommand):
    help = "Time alert matching and digest building on synthetic cases in a scratch database."

    def add_arguments(self, parser):
        parser.add_argument("--attorneys", type=int, default=10_000)
        parser.add_argument("--cases-per-attorney", type=int, default=10)
        parser.add_argument("--runs", type=int, default=5, help="timed runs of each matching")
        parser.add_argument("--database", default="cgrs_bench_alerts")
        parser.add_argument("--keep", action="store_true", help="keep the scratch database")

    def handle(self, *args, **options):
        settings.DEBUG = False
        with scratch_database(options["database"], keep=options["keep"]):
            started = time.perf_counter()
            cases = self._build(options["attorneys"], options["cases_per_attorney"])
            self.stdout.write(
                f"built {options['attorneys']:,} attorneys and {cases:,} open cases in "
                f"{time.perf_counter() - started:.1f} s"
            )
            self._time_matching(options["runs"])
            self._time_digests(options["attorneys"])

    # --- data ---

    def _build(self, attorneys: int, per_attorney: int) -> int:
        import devtools.demo.taxonomy
        from accounts.models import Role, User

        devtools.demo.taxonomy.load(lambda message: None)
        with connection.cursor() as cursor:
            table = Case._meta.db_table
            cursor.execute(
                "SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass "
                "AND (contype = 'u' AND conname LIKE %s OR conname = 'case_number_five_digits')",
                [table, "%number%"],
            )
            for (name,) in cursor.fetchall():
                cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
        rng = random.Random(19)
        users = User.objects.bulk_create(
            (
                User(
                    email=f"attorney{n}@bench.example",
                    account_type=Role.ATTORNEY,
                    password=UNUSABLE_PASSWORD,
                )
                for n in range(attorneys)
            ),
            batch_size=BATCH,
        )
        persecution = list(PersecutionType.objects.values_list("pk", flat=True))
        protection = list(ProtectionType.objects.values_list("pk", flat=True))
        stages = list(ProceduralStage.objects.values_list("pk", flat=True))
        rows = [
            Case(
                number=10_000 + n,
                attorney_id=users[n // per_attorney].pk,
                country_of_origin=rng.choice(COUNTRIES),
                procedural_stage_id=rng.choice(stages),
                detention_status=rng.choice(["detained", "released", "not_detained", "unknown"]),
                age_group_at_harm=rng.choice(["child", "adult", "young_adult", ""]),
                alert_frequency=AlertFrequency.WEEKLY,
            )
            for n in range(attorneys * per_attorney)
        ]
        cases = Case.objects.bulk_create(rows, batch_size=BATCH)
        persecution_through = Case.persecution_types.through
        protection_through = Case.protection_types.through
        persecution_through.objects.bulk_create(
            (
                persecution_through(case_id=case.pk, persecutiontype_id=term)
                for case in cases
                for term in rng.sample(persecution, rng.choice([1, 1, 2]))
            ),
            batch_size=BATCH,
        )
        protection_through.objects.bulk_create(
            (
                protection_through(case_id=case.pk, protectiontype_id=term)
                for case in cases
                for term in rng.sample(protection, rng.choice([1, 2, 3]))
            ),
            batch_size=BATCH,
        )
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        return len(cases)

    def _resource(self, title: str, **tags) -> Resource:
        general = tags.pop("general", False)
        countries = tags.pop("countries", [])
        type_slug = "country-conditions" if countries else "sample-brief"
        resource = Resource.objects.create(
            title=title,
            summary="Benchmark resource.",
            resource_type=ResourceType.objects.get(slug=type_slug),
            published_on="2026-12-01",
            external_url="https://example.org/bench",
            audience=Audience.ATTORNEYS,
            is_published=True,
            relevant_to_every_case=general,
            countries=countries,
        )
        for field, slugs in tags.items():
            model = getattr(Resource, field).field.related_model
            getattr(resource, field).set(model.objects.filter(slug__in=slugs))
        return resource

    # --- timing ---

    def _time_matching(self, runs: int) -> None:
        kinds = [
            ("relevant to every case", {"general": True}),
            ("country conditions (GT)", {"countries": ["GT"]}),
            (
                "claim: DV, asylum, court",
                {
                    "persecution_types": ["domestic-violence"],
                    "protection_types": ["asylum"],
                    "procedural_stages": ["immigration-court"],
                },
            ),
            ("claim: topic detention", {"topics": ["detention"]}),
        ]
        open_cases = Case.objects.filter(closed_at__isnull=True).count()
        self.stdout.write(
            f"matching one new resource against {open_cases:,} open cases "
            f"(median of {runs} runs; target <= 1 s):"
        )
        self.stdout.write(f"  {'resource':28} {'cases':>8} {'median':>9} {'max':>9} {'rerun':>9}")
        for title, tags in kinds:
            resource = self._resource(title, **tags)
            times = []
            for _ in range(runs):
                CaseMatch.objects.filter(resource=resource).delete()
                # What autovacuum does between publications: without it each run would
                # step over the previous runs' dead rows, which a real resource never has.
                with connection.cursor() as cursor:
                    cursor.execute(f"VACUUM (ANALYZE) {CaseMatch._meta.db_table}")
                started = time.perf_counter()
                matched = record_matches(resource.pk)
                times.append(time.perf_counter() - started)
            started = time.perf_counter()
            again = record_matches(resource.pk)  # every pair already recorded
            rerun = time.perf_counter() - started
            assert again == 0
            self.stdout.write(
                f"  {title:28} {matched:>8,} {statistics.median(times) * 1000:>7.0f} ms "
                f"{max(times) * 1000:>7.0f} ms {rerun * 1000:>7.0f} ms"
            )

    def _time_digests(self, attorneys: int) -> None:
        pending = CaseMatch.objects.filter(digested_at__isnull=True).count()
        self.stdout.write(
            f"weekly digests for {attorneys:,} attorneys ({pending:,} pending matches; "
            "target <= 60 s):"
        )
        for run in (1, 2):
            started = time.perf_counter()
            try:
                with transaction.atomic():
                    digest_ids = digests_build(frequency=AlertFrequency.WEEKLY)
                    enqueue_each(send_digest, digest_ids)
                    queued = OutboxMessage.objects.filter(task_name=send_digest.name).count()
                    elapsed = time.perf_counter() - started
                    raise RolledBack
            except RolledBack:
                pass  # undone: no email is sent, and the next run builds them again
            self.stdout.write(
                f"  run {run}: {len(digest_ids):,} digests built, marked and queued "
                f"({queued:,} outbox rows) in {elapsed:.1f} s"
            )
