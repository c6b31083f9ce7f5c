"""Outcome insights read two denormalised tables, never the outcomes themselves.

`OutcomeFact` is one narrow row per reported outcome with every dimension insights group by
(kept in step by `insights.services`, called from the services that write outcomes and
cases). `OutcomeCube` holds the counts of those facts pre-grouped by dimension sets (one statement
of GROUPING SETS builds and updates it; `insights.cube` says which sets), so a page reads
summary rows whose number is bounded by the dimensions' values, however many outcomes there
are. Neither table holds anything that
identifies a person: no case number, notes or free-text reasons.
"""

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.models import Case
from outcomes.models import Outcome


class Result(models.IntegerChoices):
    """What a decision means for the applicant, the columns of an outcomes table."""

    GRANTED_ASYLUM = 1, _("Granted asylum")
    GRANTED_WITHHOLDING = 2, _("Granted withholding")
    GRANTED_CAT = 3, _("Granted CAT")
    DENIED = 4, _("Denied")
    OTHER = 5, _("Other (dismissed, remanded…)")


# "Any relief" is asylum, withholding or CAT protection.
RELIEF_RESULTS = (Result.GRANTED_ASYLUM, Result.GRANTED_WITHHOLDING, Result.GRANTED_CAT)


class OutcomeFact(models.Model):
    outcome = models.OneToOneField(
        Outcome, primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    country = models.CharField(max_length=2)
    # Taxonomy ids; an outcome counts once under each of its case's types.
    persecution_types = ArrayField(models.SmallIntegerField(), default=list)
    protection_types = ArrayField(models.SmallIntegerField(), default=list)
    adjudicator_level = models.SmallIntegerField()
    # Whitespace-collapsed and case-folded, so spellings of one court group together.
    location = models.CharField(max_length=120, blank=True)
    adjudicator = models.CharField(max_length=120, blank=True)
    year = models.SmallIntegerField()
    result = models.SmallIntegerField(choices=Result.choices)
    denial_reasons = ArrayField(models.SmallIntegerField(), default=list)

    class Meta:
        indexes = [
            models.Index(fields=["country", "year"], name="fact_country_year"),
            models.Index(fields=["adjudicator", "year"], name="fact_adjudicator_year"),
            models.Index(fields=["location"], name="fact_location"),
        ]

    def __str__(self) -> str:
        return f"Outcome {self.outcome_id} fact"


class OutcomeCube(models.Model):
    """Counts of facts grouped by one of the dimension sets in `insights.cube.CUBES`.

    `grouping` is PostgreSQL's GROUPING() bitmask for the set; a column outside the set holds
    its placeholder ('' or 0), so one unique key serves every set.
    """

    grouping = models.IntegerField()
    country = models.CharField(max_length=2, blank=True)
    persecution_type = models.SmallIntegerField(default=0)
    protection_type = models.SmallIntegerField(default=0)
    denial_reason = models.SmallIntegerField(default=0)
    adjudicator_level = models.SmallIntegerField(default=0)
    location = models.CharField(max_length=120, blank=True)
    adjudicator = models.CharField(max_length=120, blank=True)
    year = models.SmallIntegerField(default=0)
    result = models.SmallIntegerField(default=0)
    outcomes = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "grouping",
                    "country",
                    "persecution_type",
                    "protection_type",
                    "denial_reason",
                    "adjudicator_level",
                    "location",
                    "adjudicator",
                    "year",
                    "result",
                ],
                name="cube_one_row_per_group",
            )
        ]
        indexes = [
            # Taking counts away leaves empty rows to delete; this finds them without a scan.
            models.Index(
                fields=["grouping"], condition=models.Q(outcomes=0), name="cube_empty_rows"
            )
        ]

    def __str__(self) -> str:
        return f"Set {self.grouping}: {self.outcomes}"
