"""Time the organization type-ahead with 20,000 organizations.

Builds the organizations inside a transaction that is rolled back at the end (nothing is
left behind, and other connections never see them), refreshes the planner statistics, then
requests the real endpoint through Django's test client and prints p50/p95 per kind of query.
"""

from __future__ import annotations

import os
import random
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Organization, OrganizationType
from accounts.selectors import organizations_matching
from accounts.us_states import US_STATE_CHOICES
from devtools.bench.timing import percentile

FIRST = [
    "Bay Area",
    "Rio Grande",
    "Northeast",
    "Southwest",
    "Central Valley",
    "Pacific",
    "Gulf Coast",
    "Mountain States",
    "Great Lakes",
    "Capital Area",
    "Hudson Valley",
    "Delta",
    "Coastal",
    "Piedmont",
    "Prairie",
    "Desert",
    "Lakeshore",
    "Riverside",
    "Harbor",
    "Metro",
]
MIDDLE = [
    "Asylum",
    "Immigrant",
    "Refugee",
    "Human Rights",
    "Legal Aid",
    "Justice",
    "Defense",
    "Advocacy",
    "Family",
    "Community",
    "Migrant",
    "Humanitarian",
    "Sanctuary",
    "Liberty",
]
LAST = [
    "Project",
    "Center",
    "Clinic",
    "Network",
    "Collaborative",
    "Services",
    "Alliance",
    "Institute",
    "Coalition",
    "Partners",
    "LLP",
    "Law Group",
    "Foundation",
    "Initiative",
]
QUERIES = {
    "1 letter": ["b", "r", "m", "h", "p"],
    "prefix 3-6 letters": ["bay", "rio g", "northe", "pacif", "harbo", "metro"],
    "word inside the name": ["asylum", "legal aid", "clinic", "refug", "sanct"],
    "no match": ["zzqx", "qwertyuiop"],
}


class RolledBack(Exception):
    pass


class Command(BaseCommand):
    help = "Build 20,000 organizations in a rolled-back transaction; print type-ahead p50/p95."

    def add_arguments(self, parser):
        parser.add_argument("--organizations", type=int, default=20_000)
        parser.add_argument("--rounds", type=int, default=20, help="requests per query text")

    def handle(self, *args, organizations: int, rounds: int, **options):
        if not settings.DEMO_DATA_ALLOWED:
            raise CommandError("Benchmarks write scratch rows; not under these settings.")
        try:
            with transaction.atomic():
                self._run(organizations, rounds)
                raise RolledBack
        except RolledBack:
            self.stdout.write("Scratch organizations rolled back.")

    def _run(self, count: int, rounds: int) -> None:
        rng = random.Random(20_000)
        states = [code for code, _name in US_STATE_CHOICES]
        types = OrganizationType.values
        rows = [
            Organization(
                name=f"{rng.choice(FIRST)} {rng.choice(MIDDLE)} {rng.choice(LAST)} {n}",
                type=rng.choice(types),
                city=f"City {n % 700}",
                state=rng.choice(states),
                verified=n % 3 != 0,
            )
            for n in range(count)
        ]
        started = time.perf_counter()
        Organization.objects.bulk_create(rows, batch_size=2000)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE accounts_organization")
        total = Organization.objects.count()
        self.stdout.write(
            f"{total:,} organizations ({count:,} scratch) built in "
            f"{time.perf_counter() - started:.1f} s"
        )

        client = Client(HTTP_HOST=(settings.ALLOWED_HOSTS or ["localhost"])[0].lstrip("."))
        url = reverse("accounts:organization_search")
        for texts in QUERIES.values():  # warm up
            for text in texts:
                client.get(url, {"q": text})

        every: list[float] = []
        every_sql: list[float] = []
        self.stdout.write(
            f"{'query kind':<24} {'p50 ms':>8} {'p95 ms':>8} {'sql p50':>8} {'sql p95':>8} "
            f"{'matches':>8}"
        )
        for kind, texts in QUERIES.items():
            timings: list[float] = []
            sql_timings: list[float] = []
            matches = 0
            for _round in range(rounds):
                for text in texts:
                    begin = time.perf_counter()
                    response = client.get(url, {"q": text})
                    timings.append((time.perf_counter() - begin) * 1000)
                    if response.status_code != 200:
                        raise CommandError(f"{url}?q={text} answered {response.status_code}")
                    matches = max(matches, len(response.json()["results"]))
                    begin = time.perf_counter()
                    organizations_matching(text)
                    sql_timings.append((time.perf_counter() - begin) * 1000)
            every.extend(timings)
            every_sql.extend(sql_timings)
            self.stdout.write(
                f"{kind:<24} {percentile(timings, 50):>8.2f} {percentile(timings, 95):>8.2f} "
                f"{percentile(sql_timings, 50):>8.2f} {percentile(sql_timings, 95):>8.2f} "
                f"{matches:>8}"
            )
        self.stdout.write(
            f"{'all requests':<24} {percentile(every, 50):>8.2f} {percentile(every, 95):>8.2f} "
            f"{percentile(every_sql, 50):>8.2f} {percentile(every_sql, 95):>8.2f}"
        )
        self.stdout.write(
            f"({len(every)} requests; p50/p95 = the whole Django request/response cycle through "
            "the test client, sql = the selector's queries alone)"
        )
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        self.stdout.write(f"machine load average: {os.getloadavg()[0]:.1f}")
        # The plans of the two queries the selector runs, for a common word.
        plans = []
        with CaptureQueriesContext(connection) as queries:
            organizations_matching("asylum")
        with connection.cursor() as cursor:
            for query in queries.captured_queries:
                cursor.execute(f"EXPLAIN ANALYZE {query['sql']}")
                plans.append("\n".join(row[0] for row in cursor.fetchall()))
        plan = "\n--\n".join(plans)
        self.stdout.write("Plan for 'asylum':\n" + plan)
