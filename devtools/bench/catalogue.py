"""A synthetic catalogue for the benchmarks, COPYed in bulk (never in production).

`build_catalogue(n)` fills the current database (a scratch one: devtools.scratch_database)
with n resources, random tags over the demo taxonomy, their search index
(devtools.bench.search_index), and one attorney with one case to open a case library for. The
same seed gives the same catalogue.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from allauth.account.models import EmailAddress
from django.db import connection

from accounts.models import Role, User
from cases.models import Case
from devtools.bench.search_index import RARE_TITLE_WORD, index_synthetic
from devtools.demo import taxonomy as taxonomy_demo
from ta_library.models import Resource
from ta_library.services import catalogue_changed
from taxonomy.models import PersecutionType, ProceduralStage, ProtectionType, ResourceType, Topic

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


def _title(rng, rid: int) -> str:
    words = rng.choices(WORDS, k=6)
    if rid % 20_000 == 5:  # a word only a handful of titles hold (bench_search's rare case)
        words[2] = RARE_TITLE_WORD
    return " ".join(words).capitalize()


BENCH_ATTORNEY = "bench-attorney@example.org"
BENCH_CASE = 12345


def built_catalogue(n: int):
    """The bench attorney and case number of a catalogue of n built earlier, or None."""
    attorney = User.objects.filter(email=BENCH_ATTORNEY).first()
    if attorney is None or Resource.objects.count() != n:
        return None
    return attorney, BENCH_CASE


def build_catalogue(n: int, *, log=print):
    """Fill the current database; returns the bench attorney and their case's number."""
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
                        _title(rng, rid),
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
    index_synthetic(list(range(1, n + 1)), log=log)
    attorney = User.objects.create_user(
        email=BENCH_ATTORNEY, password="bench-pass-2026",  # noqa: S106
        full_name="Bench Attorney", account_type=Role.ATTORNEY,
    )  # fmt: skip
    EmailAddress.objects.create(user=attorney, email=attorney.email, verified=True, primary=True)
    case = Case.objects.create(
        number=BENCH_CASE,
        attorney=attorney,
        country_of_origin="GT",
        procedural_stage=ProceduralStage.objects.get(slug="immigration-court"),
    )
    case.persecution_types.set(PersecutionType.objects.filter(slug__in=["domestic-violence"]))
    case.protection_types.set(ProtectionType.objects.filter(slug__in=["asylum", "cat"]))
    return attorney, case.number
