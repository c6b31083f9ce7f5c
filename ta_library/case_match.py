"""Which open cases a resource that just became visible matches: the alerts' side of the
matching rule.

The rule is `ta_library.rules.match_reasons`; the library applies it to one case and the
whole catalogue with bitmaps (ta_library.index), and this module applies it to one resource
and every open case at once, as one INSERT ... SELECT whose WHERE clause is built from the
same table of dimensions (rules.DIMENSIONS) and the same topic implications (the Topic rows).
tests/ta_library/test_case_match.py checks it against `match_reasons` on random cases and
resources, as tests/ta_library/test_rules.py does for the bitmaps.

Set-based on purpose: a resource relevant to every case matches every open case, and
100,000 cases must take well under a second (see `manage.py bench_alerts`).
"""

from __future__ import annotations

from django.db import connection, transaction
from django.utils import timezone

from cases.models import Case
from ta_library.index import _topics_with_implications
from ta_library.models import ATTORNEY_AUDIENCES, CaseMatch, Resource
from ta_library.rules import (
    CHILD_AGE_GROUP,
    DETAINED_STATUSES,
    DIMENSIONS,
    TopicImplication,
)

CASES = Case._meta.db_table


def _tags(resource_id: int) -> dict | None:
    """The resource's tags as the rule reads them (one query), or None when it is not
    published attorney material (nothing to alert about)."""
    resource = (
        Resource.objects.filter(
            pk=resource_id, is_published=True, audience__in=list(ATTORNEY_AUDIENCES)
        )
        .select_related("resource_type")
        .only("id", "countries", "relevant_to_every_case", "resource_type__country_specific")
        .first()
    )
    if resource is None:
        return None
    tags = {
        "general": resource.relevant_to_every_case,
        "country_specific": resource.resource_type.country_specific,
        "countries": list(resource.countries or ()),
    }
    for dimension in DIMENSIONS:
        field = getattr(Resource, dimension.resource_field)
        column = f"{field.field.related_model._meta.model_name}_id"
        tags[dimension.name] = list(
            field.through.objects.filter(resource_id=resource_id).values_list(column, flat=True)
        )
    return tags


def _case_terms_condition(dimension, term_ids: list[int]) -> tuple[str, list]:
    """SQL true when the case (alias c) has one of `term_ids` on `dimension`."""
    field = Case._meta.get_field(dimension.case_field)
    if field.many_to_many:
        through = field.remote_field.through._meta.db_table
        column = f"{field.related_model._meta.model_name}_id"
        return (
            f"EXISTS (SELECT 1 FROM {through} x WHERE x.case_id = c.id "  # noqa: S608
            f"AND x.{column} = ANY(%s))",
            [term_ids],
        )
    return f"c.{field.column} = ANY(%s)", [term_ids]


def _implied_topics_condition(topic_ids: list[int], implications) -> tuple[str, list]:
    """SQL true when the intake implies one of `topic_ids` (rules.implied_topics in SQL)."""
    wanted = [i for i in implications if i.topic in set(topic_ids)]
    parts: list[str] = []
    params: list = []
    if any(i.by_detention for i in wanted):
        parts.append("c.detention_status = ANY(%s)")
        params.append(sorted(DETAINED_STATUSES))
    if any(i.by_child_harm for i in wanted):
        parts.append("c.age_group_at_harm = %s")
        params.append(CHILD_AGE_GROUP)
    persecution = sorted(set().union(*(i.by_persecution for i in wanted)))
    if persecution:
        by_persecution = next(d for d in DIMENSIONS if d.name == "persecution")
        sql, extra = _case_terms_condition(by_persecution, persecution)
        parts.append(sql)
        params.extend(extra)
    if not parts:
        return "FALSE", []
    return "(" + " OR ".join(parts) + ")", params


def _topic_implications() -> tuple[TopicImplication, ...]:
    return tuple(
        TopicImplication(
            topic=t.id,
            by_detention=t.implied_by_detention,
            by_child_harm=t.implied_by_child_harm,
            by_persecution=frozenset(t.implied_persecution_ids),
        )
        for t in _topics_with_implications()
    )


def rule_condition(tags: dict, implications) -> tuple[str, list]:
    """`rules.match_reasons` as a WHERE clause on cases (alias c), for one resource."""
    if tags["general"]:
        return "TRUE", []
    if tags["country_specific"]:
        return "c.country_of_origin = ANY(%s)", [tags["countries"]]
    required: list[str] = []
    shared: list[str] = []
    params_required: list = []
    params_shared: list = []
    for dimension in DIMENSIONS:
        term_ids = tags[dimension.name]
        if not term_ids:
            continue  # an untagged dimension does not constrain
        if dimension.case_field:
            sql, params = _case_terms_condition(dimension, term_ids)
        else:
            sql, params = _implied_topics_condition(term_ids, implications)
        shared.append(sql)
        params_shared.extend(params)
        if dimension.constrains:
            required.append(sql)
            params_required.extend(params)
    if not shared:
        return "FALSE", []  # untagged claim material is browsed, not pushed into cases
    return (
        " AND ".join([*required, "(" + " OR ".join(shared) + ")"]),
        [*params_required, *params_shared],
    )


# The advisory-lock namespace of the matcher: one resource is matched by one transaction at
# a time (a retag and a redelivered task may run together).
MATCH_LOCK = 19_0001


def record_matches(resource_id: int) -> int:
    """Record (case, resource) for every open case with alerts on that the resource matches,
    once per pair (the unique constraint: a retag, a republication or a second run of the
    task records nothing new). Returns how many pairs were new. A few small reads (the
    resource, its tags, the topic rows) and one INSERT ... SELECT, whatever the number of
    cases."""
    tags = _tags(resource_id)
    if tags is None:
        return 0
    condition, params = rule_condition(tags, _topic_implications())
    if condition == "FALSE":
        return 0
    table = CaseMatch._meta.db_table
    with transaction.atomic(), connection.cursor() as cursor:
        # Runs for one resource take turns, so "not recorded yet" below stays true until
        # this insert commits; that is cheaper per row than ON CONFLICT's speculative
        # insertion (about 3x on 100,000 rows), and the unique constraint still guards.
        cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [MATCH_LOCK, resource_id])
        # Hash joins only: with statistics that call the table empty while it holds dead
        # pages, the planner looped over the whole table once per case (71 s for 100,000
        # cases in bench_alerts); a hash join reads it at most once.
        cursor.execute("SET LOCAL enable_nestloop = off")
        # Table and column names come from the models; the values are parameters.
        cursor.execute(
            f"INSERT INTO {table} (case_id, resource_id, matched_at, digested_at) "  # noqa: S608
            f"SELECT c.id, %s, %s, NULL FROM {CASES} c "
            f"WHERE c.closed_at IS NULL AND c.alert_frequency <> 'off' AND {condition} "
            f"AND NOT EXISTS (SELECT 1 FROM {table} m "
            "WHERE m.resource_id = %s AND m.case_id = c.id)",
            [resource_id, timezone.now(), *params, resource_id],
        )
        return cursor.rowcount


def matching_case_ids(resource_id: int) -> set[int]:
    """Every case (open or not, alerts or not) the rule puts the resource in: for tests and
    the benchmark's check, with the same SQL."""
    tags = _tags(resource_id)
    if tags is None:
        return set()
    condition, params = rule_condition(tags, _topic_implications())
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT c.id FROM {CASES} c WHERE {condition}", params)  # noqa: S608
        return {row[0] for row in cursor.fetchall()}
