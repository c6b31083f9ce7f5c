"""Measure case number allocation as the number space fills up (p50/p95, queries).

Runs inside one transaction that is rolled back: it leaves the database as it found it.
"""

import statistics
import time
import uuid

from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from cases.services import CASE_NUMBER_CAPACITY, case_create
from taxonomy.models import PersecutionType, ProceduralStage, ProtectionType


class _Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Time case_create() at several fill levels of the five-digit number space."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=50)

    def handle(self, *args, runs: int, **options):
        try:
            with transaction.atomic():
                self._bench(runs)
                raise _Rollback
        except _Rollback:
            pass

    def _bench(self, runs: int) -> None:
        attorney = User.objects.create_user(email=f"bench-{uuid.uuid4()}@example.invalid")
        stage = ProceduralStage.objects.order_by("position").first()
        if stage is None:
            self.stderr.write("Load the taxonomy first (manage.py load_demo_data).")
            return
        answers = {
            "country_of_origin": "GT",
            "persecution_types": list(PersecutionType.objects.all()[:2]),
            "protection_types": list(ProtectionType.objects.all()[:1]),
            "procedural_stage": stage,
            "detention_status": "unknown",
        }
        for share in (0.0, 0.5, 0.9, 0.99):
            # Take numbers from the top down so the free ones stay at the bottom of the range.
            target = int(CASE_NUMBER_CAPACITY * share)
            with connection.cursor() as cursor:
                cursor.execute(
                    """
                    INSERT INTO cases_case (number, attorney_id, country_of_origin,
                        procedural_stage_id, detention_status, client_gender, age_group_at_harm,
                        outcome_rendered, notes, created_at, updated_at)
                    SELECT n, %s, 'GT', %s, 'unknown', '', '', false, '', now(), now()
                    FROM generate_series(%s, 99999) AS n
                    ON CONFLICT (number) DO NOTHING
                    """,
                    [attorney.pk, stage.pk, 99999 - target + 1],
                )
            timings, queries = [], []
            for _ in range(runs):
                with CaptureQueriesContext(connection) as captured:
                    start = time.perf_counter()
                    case_create(attorney=attorney, intake_token=uuid.uuid4(), **answers)
                    timings.append((time.perf_counter() - start) * 1000)
                queries.append(len(captured))
            timings.sort()
            self.stdout.write(
                f"{share:>5.0%} used: p50 {statistics.median(timings):6.1f} ms  "
                f"p95 {timings[int(len(timings) * 0.95) - 1]:6.1f} ms  "
                f"queries p50 {statistics.median(queries):.0f} max {max(queries)}"
            )
