"""Reads of outcomes, including what the case pages show of them (registered with
cases.extensions in OutcomesConfig.ready, so cases does not import outcomes)."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Prefetch, QuerySet, Subquery

from outcomes.models import Decision, Outcome


def with_latest_outcome(queryset: QuerySet) -> QuerySet:
    """Case list rows: the latest decision, its date, and whether any outcome exists
    (subqueries in the list's one query)."""
    latest = Outcome.objects.filter(case=OuterRef("pk")).order_by("-decided_on", "-id")
    return queryset.annotate(
        latest_decision=Subquery(latest.values("decision")[:1]),
        latest_decided_on=Subquery(latest.values("decided_on")[:1]),
        has_outcome=Exists(Outcome.objects.filter(case=OuterRef("pk"))),
    )


def label_latest_decision(case) -> None:
    value = getattr(case, "latest_decision", None)
    case.latest_decision_label = Decision(value).label if value else ""


def case_outcomes_prefetch() -> Prefetch:
    """The case record's outcomes, oldest first: one query per page."""
    return Prefetch("outcomes", queryset=Outcome.objects.order_by("decided_on", "id"))
