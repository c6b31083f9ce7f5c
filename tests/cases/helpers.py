"""Helpers for case tests."""

import threading
from concurrent.futures import ThreadPoolExecutor

from django.db import connection


def fill_number_space(attorney, stage, *, leave_free: int) -> None:
    """Take every case number but the lowest `leave_free`, in one statement."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO cases_case (number, attorney_id, country_of_origin, procedural_stage_id,
                detention_status, client_gender, age_group_at_harm, outcome_rendered, notes,
                created_at, updated_at)
            SELECT n, %s, 'GT', %s, 'unknown', '', '', false, '', now(), now()
            FROM generate_series(%s, 99999) AS n
            """,
            [attorney.pk, stage.pk, 10000 + leave_free],
        )


def in_parallel(workers: int, job, jobs: int):
    """Run job(i) for i in range(jobs) on `workers` threads released together; each thread
    uses (and closes) its own database connection."""
    barrier = threading.Barrier(workers)

    def run(i):
        if i < workers:
            barrier.wait(timeout=30)
        try:
            return job(i)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(run, range(jobs)))
