"""The dimensions outcome insights group and filter by, and how each reads from the tables.

One `Dimension` per way of slicing outcomes; the URL names them by `key`. Multi-valued ones
(a case can have several persecution types) count an outcome once under each value.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from insights.models import Result
from outcomes.models import AdjudicatorLevel, Decision, DenialReason

# Codes stored in the fact table: position in the choices, from 1.
LEVEL_CODES = {value: n for n, value in enumerate(AdjudicatorLevel.values, start=1)}
DENIAL_REASON_CODES = {value: n for n, value in enumerate(DenialReason.values, start=1)}
RESULT_FOR_DECISION = {
    Decision.GRANTED_ASYLUM: Result.GRANTED_ASYLUM,
    Decision.GRANTED_WITHHOLDING: Result.GRANTED_WITHHOLDING,
    Decision.GRANTED_CAT: Result.GRANTED_CAT,
    Decision.DENIED: Result.DENIED,
}


@dataclass(frozen=True)
class Dimension:
    key: str
    label: str
    # The fact table column; for a multi-valued dimension an array column.
    fact_column: str
    # The summary table column (singular for the multi-valued ones).
    cube_column: str
    multi_valued: bool = False
    # Text values (country codes, names) rather than small integer codes.
    text: bool = False
    # May be the columns of a table (few values, so a chart's legend stays readable).
    as_columns: bool = False


DIMENSIONS: dict[str, Dimension] = {
    d.key: d
    for d in (
        Dimension("country", _("Country of origin"), "country", "country", text=True),
        Dimension(
            "persecution_type",
            _("Type of persecution"),
            "persecution_types",
            "persecution_type",
            multi_valued=True,
            as_columns=True,
        ),
        Dimension(
            "protection_type",
            _("Protection sought"),
            "protection_types",
            "protection_type",
            multi_valued=True,
            as_columns=True,
        ),
        Dimension(
            "adjudicator_level",
            _("Adjudicator level (stage)"),
            "adjudicator_level",
            "adjudicator_level",
            as_columns=True,
        ),
        Dimension("location", _("Court or asylum office"), "location", "location", text=True),
        Dimension("adjudicator", _("Adjudicator"), "adjudicator", "adjudicator", text=True),
        Dimension("year", _("Year of decision"), "year", "year", as_columns=True),
        Dimension("result", _("Outcome"), "result", "result", as_columns=True),
        Dimension(
            "denial_reason",
            _("Denial reason"),
            "denial_reasons",
            "denial_reason",
            multi_valued=True,
            as_columns=True,
        ),
    )
}

# SECURITY: adjudicator names only against the year or the outcome, never with any other
# dimension or filter (issue 18; a name beside a country or a court narrows to a few people).
ADJUDICATOR = "adjudicator"
ADJUDICATOR_PARTNERS = frozenset({"year", "result"})
# TRAC's rule: an adjudicator's figures only with at least this many reported decisions.
ADJUDICATOR_MIN_DECISIONS = 100
