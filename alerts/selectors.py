"""Reads of the alerts: the new resources of an attorney's open cases, and their settings."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db import connection
from django.utils import timezone

from cases.models import AlertDefault, AlertFrequency, Case
from ta_library.index import catalogue_index
from ta_library.models import CaseMatch, Resource
from ta_library.rules import match_reasons
from ta_library.selectors.case_profile import (
    case_profile,
    case_profile_queryset,
    match_labels,
    match_tags,
)
from ta_library.visits import new_since_sql
from taxonomy.models import TermName

# Resources listed per case; the rest are one click away in the case's library.
PER_CASE = 20


@dataclass
class NewResource:
    resource: Resource
    type_name: str | TermName
    matched_at: datetime.datetime
    reasons: list[str]


@dataclass
class CaseNews:
    case: Case
    resources: list[NewResource] = field(default_factory=list)
    total: int = 0


def new_resources(user, *, now: datetime.datetime | None = None) -> list[CaseNews]:
    """Per open case of `user`, the resources that came into its library since they last
    looked at it, newest first, each with why it matched: exactly the ones the case's
    library marks "new since your last visit" (the same threshold, new_since_sql), cases
    with the newest first. Four queries whatever the numbers: the matches, the cases with
    their profiles, the catalogue version, the resources."""
    now = now or timezone.now()
    matches, cases = CaseMatch._meta.db_table, Case._meta.db_table
    with connection.cursor() as cursor:
        # Only table names and the shared threshold expression go into the SQL.
        cursor.execute(
            f"""
            SELECT m.case_id, m.resource_id, m.matched_at FROM {matches} m
            JOIN {cases} c ON c.id = m.case_id
            WHERE c.attorney_id = %s AND c.closed_at IS NULL
              AND m.matched_at > {new_since_sql("%s", "%s", "c.id")}
            ORDER BY m.matched_at DESC, m.resource_id DESC
            """,  # noqa: S608
            [user.pk, now, user.pk],
        )
        rows = cursor.fetchall()
    if not rows:
        return []
    index = catalogue_index()
    visible = index.attorney_audience  # published attorney material only
    news: dict[int, CaseNews] = {}
    for case_id, resource_id, matched_at in rows:
        if resource_id not in visible:
            continue
        entry = news.setdefault(case_id, CaseNews(case=None))
        entry.total += 1
        if len(entry.resources) < PER_CASE:
            entry.resources.append(NewResource(resource_id, "", matched_at, []))
    cases_by_id = case_profile_queryset().filter(pk__in=list(news)).in_bulk()
    wanted = {item.resource for entry in news.values() for item in entry.resources}
    resources = Resource.objects.filter(pk__in=wanted).only(
        "id", "title", "resource_type_id", "published_on"
    )
    resources = {r.pk: r for r in resources}
    out = []
    for case_id, entry in news.items():
        entry.case = cases_by_id.get(case_id)
        if entry.case is None:
            continue
        profile = case_profile(entry.case, index)
        items = []
        for item in entry.resources:
            resource = resources.get(item.resource)
            if resource is None:
                continue
            item.resource = resource
            item.type_name = index.type_names.get(resource.resource_type_id, "")
            tags = match_tags(index, resource.pk, profile)
            item.reasons = match_labels(index, match_reasons(tags, profile))
            items.append(item)
        entry.resources = items
        out.append(entry)
    return out


@dataclass(frozen=True)
class AlertSummary:
    open_cases: int
    off: int
    daily: int
    weekly: int
    for_new_cases: str  # the attorney's one setting (cases.models.AlertDefault)

    @property
    def setting(self) -> str:
        """The one setting that describes every open case, or "" when they differ."""
        for frequency in AlertFrequency.values:
            if getattr(self, frequency) == self.open_cases:
                return frequency
        return ""


def alert_summary(user) -> AlertSummary:
    """How the attorney's open cases alert, and what their new cases will (one query)."""
    frequencies = AlertFrequency.values
    quote = connection.ops.quote_name
    counts = ", ".join("count(*) FILTER (WHERE c.alert_frequency = %s)" for _ in frequencies)
    with connection.cursor() as cursor:
        # Only table names go into the SQL; values are parameters.
        cursor.execute(
            f"SELECT count(*), {counts}, (SELECT d.frequency FROM "  # noqa: S608
            f"{quote(AlertDefault._meta.db_table)} d WHERE d.attorney_id = %s) "
            f"FROM {quote(Case._meta.db_table)} c WHERE c.attorney_id = %s AND c.closed_at IS NULL",
            [*frequencies, user.pk, user.pk],
        )
        row = cursor.fetchone()
    return AlertSummary(
        open_cases=row[0],
        **dict(zip(frequencies, row[1:-1], strict=True)),
        for_new_cases=row[-1] or AlertFrequency.WEEKLY,
    )
