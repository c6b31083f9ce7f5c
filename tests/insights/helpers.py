"""Outcome tables for insight tests: many outcomes in few statements, then the facts made
the way a bulk load makes them (`facts_rebuild`)."""

from __future__ import annotations

import datetime

from cases.models import Case
from insights.services import facts_rebuild
from outcomes.models import Outcome
from tests.cases.factories import CaseFactory


def report(
    count: int,
    *,
    case: Case | None = None,
    country: str = "GT",
    decision: str = "denied",
    year: int = 2025,
    adjudicator_level: str = "immigration_judge",
    location: str = "Houston Immigration Court",
    adjudicator_name: str = "",
    denial_reasons=(),
    rebuild: bool = True,
    **case_fields,
) -> Case:
    """`count` outcomes on one case (a new one unless given), facts rebuilt."""
    case = case or CaseFactory(country_of_origin=country, **case_fields)
    Outcome.objects.bulk_create(
        Outcome(
            case=case,
            decided_on=datetime.date(year, 5, 1),
            adjudicator_level=adjudicator_level,
            decision=decision,
            location=location,
            adjudicator_name=adjudicator_name,
            denial_reasons=list(denial_reasons),
        )
        for _ in range(count)
    )
    if rebuild:
        facts_rebuild()
    return case
