"""Which resources a case's TA Library holds, and why: the matching rules in one place.

`match_reasons` is the rule, written for one resource and one case so it can be read and
tested as a table. `ta_library.index.CatalogueIndex.curated` applies the same rule to the
whole catalogue at once with bitmaps; a test checks the two agree on random catalogues.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Dimension:
    """One claim dimension a case and a resource are compared on.

    `name` is the facet group (ta_library.index), the attribute of CaseProfile and
    ResourceTags, and the key of a Match's claim; `resource_field` the Resource's tags;
    `case_field` where a case has its terms (a many-to-many or a foreign key of Case; empty
    when the terms are implied by the intake: see `implied_topics`)."""

    name: str
    resource_field: str
    case_field: str
    # Whether a resource tagged on this dimension with none of the case's terms is left out.
    # Topics do not: most material is tagged with legal issues (nexus, credibility, ...)
    # that every claim has.
    constrains: bool


# The one table the matching reads: the bitmaps (ta_library.index.CatalogueIndex.curated),
# the reasons (`match_reasons`), the reasons from bitmaps
# (ta_library.selectors.case_profile.match_tags) and the alerts (ta_library.case_match), in
# display order. A case has one procedural stage.
DIMENSIONS = (
    Dimension("persecution", "persecution_types", "persecution_types", constrains=True),
    Dimension("protection", "protection_types", "protection_types", constrains=True),
    Dimension("stage", "procedural_stages", "procedural_stage", constrains=True),
    Dimension("topic", "topics", "", constrains=False),
)
DIMENSION_NAMES = tuple(d.name for d in DIMENSIONS)


@dataclass(frozen=True)
class CaseProfile:
    """What of an intake the matching uses (ids of taxonomy terms, ISO country code)."""

    country: str
    persecution: frozenset[int] = frozenset()
    protection: frozenset[int] = frozenset()
    stage: frozenset[int] = frozenset()
    topic: frozenset[int] = frozenset()


@dataclass(frozen=True)
class ResourceTags:
    """What of a resource the matching uses."""

    country_specific: bool
    relevant_to_every_case: bool = False
    countries: frozenset[str] = frozenset()
    persecution: frozenset[int] = frozenset()
    protection: frozenset[int] = frozenset()
    stage: frozenset[int] = frozenset()
    topic: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Match:
    """Why a resource is in a case's library: `general`, or the country, or the claim terms
    (dimension, term id) it shares with the case."""

    general: bool = False
    country: str = ""
    claim: tuple[tuple[str, int], ...] = field(default_factory=tuple)


def match_reasons(resource: ResourceTags, case: CaseProfile) -> Match | None:
    """The rule that puts a published resource in a case's TA Library (None: it is not).

    1. Material marked "relevant to every case" is in every library.
    2. Country-specific types (ResourceType.country_specific: country conditions research,
       universal expert declarations) match on the client's country only: the resource lists
       the case's country. Its persecution/stage/topic tags do not matter.
    3. Everything else (sample briefs, decisions, advisories, ... : claim material) is matched
       by claim, never by country:
       - on each of persecution type, protection sought and procedural stage that the
         resource is tagged on, it must share at least one term with the case: a BIA brief
         is not offered at the asylum office, a domestic-violence brief not for a religion
         claim. An untagged dimension does not constrain. Topics never exclude.
       - and it must share a term on at least one dimension, topics included (topics an
         intake implies: detention, children's claims, gang-based claims): untagged claim
         material is reached by browsing the whole library, not pushed into every case.
    Countries listed on claim material are ignored here (they are descriptive only).
    """
    if resource.relevant_to_every_case:
        return Match(general=True)
    if resource.country_specific:
        if case.country and case.country in resource.countries:
            return Match(country=case.country)
        return None
    shared: list[tuple[str, int]] = []
    for dimension in DIMENSIONS:
        tags: frozenset[int] = getattr(resource, dimension.name)
        if not tags:
            continue
        common = tags & getattr(case, dimension.name)
        if not common:
            if dimension.constrains:
                return None
            continue
        shared.extend((dimension.name, term) for term in sorted(common))
    if not shared:
        return None
    return Match(claim=tuple(shared))


# Detention statuses that imply the topics marked `implied_by_detention`.
DETAINED_STATUSES = frozenset({"detained", "released"})
CHILD_AGE_GROUP = "child"


@dataclass(frozen=True)
class TopicImplication:
    """When an intake implies a topic (taxonomy.models.Topic's implied_by_* fields). Other
    topics (credibility, nexus, ...) concern every claim and are found through filters."""

    topic: int
    by_detention: bool = False
    by_child_harm: bool = False
    by_persecution: frozenset[int] = frozenset()


def implied_topics(
    implications, *, detention_status: str, age_group_at_harm: str, persecution: frozenset[int]
) -> frozenset[int]:
    """The topic ids an intake implies: a detained (or released) client, harm suffered as a
    child, or a type of persecution the topic names."""
    detained = detention_status in DETAINED_STATUSES
    child = age_group_at_harm == CHILD_AGE_GROUP
    return frozenset(
        i.topic
        for i in implications
        if (i.by_detention and detained)
        or (i.by_child_harm and child)
        or (i.by_persecution & persecution)
    )
