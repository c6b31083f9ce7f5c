"""Which resources a case's TA Library holds, and why: the matching rules in one place.

`match_reasons` is the rule, written for one resource and one case so it can be read and
tested as a table. `ta_library.index.CatalogueIndex.curated` applies the same rule to the
whole catalogue at once with bitmaps; a test checks the two agree on random catalogues.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# The claim dimensions a case and a resource are compared on, in display order. A case has
# one procedural stage; its topics are implied by the intake (see `case_topic_slugs`).
CLAIM_DIMENSIONS = ("persecution", "protection", "stage", "topic")
# Dimensions that exclude a resource tagged with none of the case's terms. Topics do not:
# most material is tagged with legal issues (nexus, credibility, ...) that every claim has.
CONSTRAINING_DIMENSIONS = ("persecution", "protection", "stage")


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
    for dimension in CLAIM_DIMENSIONS:
        tags: frozenset[int] = getattr(resource, dimension)
        if not tags:
            continue
        common = tags & getattr(case, dimension)
        if not common:
            if dimension in CONSTRAINING_DIMENSIONS:
                return None
            continue
        shared.extend((dimension, term) for term in sorted(common))
    if not shared:
        return None
    return Match(claim=tuple(shared))


# Topics an intake implies: (topic slug, test on the case). Other topics (credibility, nexus,
# ...) concern every claim and are found through filters, not matched.
def case_topic_slugs(*, detention_status: str, age_group_at_harm: str, persecution_slugs) -> set:
    slugs = set()
    if detention_status in {"detained", "released"}:
        slugs.add("detention")
    if age_group_at_harm == "child":
        slugs.add("children")
    if "gang-violence" in persecution_slugs:
        slugs.add("gang-based-claims")
    return slugs
