"""A case as the matching rule sees it (ta_library.rules): its terms, the profile, and a
resource's tags and reasons for it read from the bitmaps.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext as _

from cases.models import Case
from ta_library.index import CatalogueIndex
from ta_library.rules import DIMENSIONS, CaseProfile, Match, ResourceTags, implied_topics

# Tag a resource carries on a dimension that is none of the case's terms (see match_tags).
OTHER_TERM = -1


def case_profile_queryset() -> QuerySet[Case]:
    """Cases with the term ids the matching needs (their own tags), in the query that
    fetches them.

    Correlated ARRAY(...) subqueries rather than ArrayAgg: no GROUP BY, and about 2 ms less
    to compile on every library request."""
    table = Case._meta.db_table

    def terms(field: str, column: str) -> RawSQL:
        through = Case._meta.get_field(field).remote_field.through._meta.db_table
        # Only table and column names from the models go into the SQL; no request data.
        return RawSQL(  # noqa: S611
            f"ARRAY(SELECT x.{column} FROM {through} x WHERE x.case_id = {table}.id)",  # noqa: S608
            (),
        )

    return Case.objects.annotate(
        persecution_ids=terms("persecution_types", "persecutiontype_id"),
        protection_ids=terms("protection_types", "protectiontype_id"),
    )


def case_profile(case: Case, index: CatalogueIndex) -> CaseProfile:
    """What the matching rule compares: from a case of `case_profile_queryset`."""
    persecution = frozenset(case.persecution_ids or ())
    return CaseProfile(
        country=case.country_of_origin.code,
        persecution=persecution,
        protection=frozenset(case.protection_ids or ()),
        stage=frozenset({case.procedural_stage_id}),
        topic=implied_topics(
            index.topic_implications,
            detention_status=case.detention_status,
            age_group_at_harm=case.age_group_at_harm,
            persecution=persecution,
        ),
    )


def match_tags(index: CatalogueIndex, rid: int, profile: CaseProfile) -> ResourceTags:
    """The resource's tags as far as the rule can tell them apart for this case, from the
    bitmaps: the case's own terms it carries, or OTHER_TERM for "tagged, but not with any
    of the case's terms"."""
    dimensions = {}
    for dimension in (d.name for d in DIMENSIONS):
        shared = {t for t in getattr(profile, dimension) if rid in index.bitmap(dimension, t)}
        if not shared and rid not in index.untagged[dimension]:
            shared = {OTHER_TERM}
        dimensions[dimension] = frozenset(shared)
    country = index.bitmaps["country"].get(profile.country)
    return ResourceTags(
        country_specific=rid in index.country_specific,
        relevant_to_every_case=rid in index.general,
        countries=frozenset({profile.country}) if country and rid in country else frozenset(),
        **dimensions,
    )


def match_labels(index: CatalogueIndex, match: Match | None) -> list[str]:
    """ "Guatemala · domestic violence · immigration court" as a list of labels."""
    if match is None:
        return []
    if match.general:
        return [_("Relevant to every case")]
    if match.country:
        value = index.facet_value("country", match.country)
        return [value.label if value else match.country]
    return [index.facet_value(dimension, term).label for dimension, term in match.claim]
