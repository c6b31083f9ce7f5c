"""The matching rule as a table, and the bitmap version of it checked against the rule."""

import random

import pytest

from ta_library.rules import (
    CaseProfile,
    Match,
    ResourceTags,
    TopicImplication,
    implied_topics,
    match_reasons,
)

DV, GANG, RELIGION = 1, 2, 3
ASYLUM, CAT = 10, 11
COURT, BIA = 20, 21
DETENTION, CREDIBILITY = 30, 31

CASE = CaseProfile(
    country="GT",
    persecution=frozenset({DV}),
    protection=frozenset({ASYLUM}),
    stage=frozenset({COURT}),
    topic=frozenset({DETENTION}),
)


def claim(**tags):
    return ResourceTags(country_specific=False, **{k: frozenset(v) for k, v in tags.items()})


def country_specific(*codes, **tags):
    return ResourceTags(
        country_specific=True,
        countries=frozenset(codes),
        **{k: frozenset(v) for k, v in tags.items()},
    )


TABLE = [
    # (what, resource, expected match)
    ("general material is in every library", ResourceTags(False, True), Match(general=True)),
    (
        "general beats every other tag",
        ResourceTags(True, True, frozenset({"HN"})),
        Match(general=True),
    ),
    ("country conditions for the client's country", country_specific("GT"), Match(country="GT")),
    (
        "country conditions for several countries incl. the client's",
        country_specific("HN", "GT"),
        Match(country="GT"),
    ),
    ("country conditions for another country", country_specific("HN"), None),
    (
        "country-specific material ignores claim tags",
        country_specific("HN", persecution={DV}),
        None,
    ),
    ("country-specific material with no country", country_specific(), None),
    (
        "claim material sharing the persecution type",
        claim(persecution={DV}),
        Match(claim=(("persecution", DV),)),
    ),
    ("OR within a dimension", claim(persecution={DV, GANG}), Match(claim=(("persecution", DV),))),
    ("claim material for another persecution type", claim(persecution={RELIGION}), None),
    (
        "claim material matching on every dimension (reasons in order)",
        claim(persecution={DV}, protection={ASYLUM, CAT}, stage={COURT}, topic={DETENTION}),
        Match(
            claim=(
                ("persecution", DV),
                ("protection", ASYLUM),
                ("stage", COURT),
                ("topic", DETENTION),
            )
        ),
    ),
    ("tagged stage must match: a BIA brief", claim(persecution={DV}, stage={BIA}), None),
    ("tagged protection must match", claim(persecution={DV}, protection={CAT}), None),
    ("stage alone is enough", claim(stage={COURT}), Match(claim=(("stage", COURT),))),
    (
        "topics never exclude",
        claim(persecution={DV}, topic={CREDIBILITY}),
        Match(claim=(("persecution", DV),)),
    ),
    (
        "a shared topic alone is enough",
        claim(topic={DETENTION, CREDIBILITY}),
        Match(claim=(("topic", DETENTION),)),
    ),
    ("an unshared topic alone is not", claim(topic={CREDIBILITY}), None),
    ("untagged claim material is not pushed", claim(), None),
    (
        "claim material never matches on country",
        ResourceTags(False, False, frozenset({"GT"})),
        None,
    ),
    (
        "claim material's countries do not exclude either",
        ResourceTags(False, False, frozenset({"HN"}), persecution=frozenset({DV})),
        Match(claim=(("persecution", DV),)),
    ),
]


@pytest.mark.parametrize(("what", "resource", "expected"), TABLE, ids=[row[0] for row in TABLE])
def test_matching_rule(what, resource, expected):
    assert match_reasons(resource, CASE) == expected


def test_a_case_without_country_gets_no_country_material():
    assert match_reasons(country_specific("GT"), CaseProfile(country="")) is None


def _random_catalogue(rng: random.Random, size: int):
    """Random resources (as the index sees them) built with the real ORM."""
    from tests.ta_library.factories import (
        ResourceFactory,
        ResourceTypeFactory,
        country_conditions_type,
        persecution,
        protection,
        stage,
        topic,
    )

    terms = {
        "persecution_types": [
            persecution(s) for s in ("domestic-violence", "gang-violence", "religion")
        ],
        "protection_types": [protection(s) for s in ("asylum", "withholding", "cat")],
        "procedural_stages": [stage(s) for s in ("immigration-court", "bia", "affirmative")],
        "topics": [topic(s) for s in ("detention", "children", "credibility")],
    }
    types = [
        ResourceTypeFactory(slug="sample-brief"),
        ResourceTypeFactory(slug="decision"),
        country_conditions_type(),
    ]
    for _ in range(size):
        tags = {
            field: rng.sample(values, rng.choice([0, 0, 1, 1, 2]))
            for field, values in terms.items()
        }
        ResourceFactory(
            resource_type=rng.choice(types),
            relevant_to_every_case=rng.random() < 0.1,
            countries=rng.sample(["GT", "HN", "SV"], rng.choice([0, 1, 2])),
            published_on=f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            is_published=rng.random() < 0.9,
            **tags,
        )
    return terms


@pytest.mark.django_db
def test_bitmaps_apply_the_same_rule_as_match_reasons():
    """Every case profile's curated set (bitmaps) is exactly the resources for which
    match_reasons says yes (one call per resource)."""
    from ta_library.index import catalogue_index
    from ta_library.models import Resource
    from ta_library.selectors.case_profile import match_tags

    rng = random.Random(20261201)
    terms = _random_catalogue(rng, 150)
    index = catalogue_index()
    resources = list(
        Resource.objects.published()
        .select_related("resource_type")
        .prefetch_related("persecution_types", "protection_types", "procedural_stages", "topics")
    )
    for _ in range(40):
        profile = CaseProfile(
            country=rng.choice(["GT", "HN", "SV", "MX"]),
            persecution=frozenset(
                t.pk for t in rng.sample(terms["persecution_types"], rng.randint(1, 2))
            ),
            protection=frozenset(
                t.pk for t in rng.sample(terms["protection_types"], rng.randint(1, 2))
            ),
            stage=frozenset({rng.choice(terms["procedural_stages"]).pk}),
            topic=frozenset(t.pk for t in rng.sample(terms["topics"][:2], rng.randint(0, 2))),
        )
        expected = {
            r.pk
            for r in resources
            if match_reasons(
                ResourceTags(
                    country_specific=r.resource_type.country_specific,
                    relevant_to_every_case=r.relevant_to_every_case,
                    countries=frozenset(r.countries),
                    persecution=frozenset(t.pk for t in r.persecution_types.all()),
                    protection=frozenset(t.pk for t in r.protection_types.all()),
                    stage=frozenset(t.pk for t in r.procedural_stages.all()),
                    topic=frozenset(t.pk for t in r.topics.all()),
                ),
                profile,
            )
        }
        curated = index.curated(profile)
        assert set(curated) == expected
        # The cards' reasons come from the same rule, fed from the bitmaps.
        for resource_id in index.everything:
            match = match_reasons(match_tags(index, resource_id, profile), profile)
            assert (match is not None) == (resource_id in curated)


IMPLICATIONS = (
    TopicImplication(topic=40, by_detention=True),
    TopicImplication(topic=41, by_child_harm=True),
    TopicImplication(topic=42, by_persecution=frozenset({GANG})),
)


@pytest.mark.parametrize(
    ("detention", "age", "persecution", "expected"),
    [
        ("detained", "", {DV}, {40}),
        ("released", "", {DV}, {40}),
        ("not_detained", "", {DV}, set()),
        ("unknown", "child", {DV}, {41}),
        ("not_detained", "adult", {GANG, DV}, {42}),
        ("detained", "child", {GANG}, {40, 41, 42}),
    ],
)
def test_topics_an_intake_implies(detention, age, persecution, expected):
    topics = implied_topics(
        IMPLICATIONS,
        detention_status=detention,
        age_group_at_harm=age,
        persecution=frozenset(persecution),
    )
    assert topics == expected


@pytest.mark.django_db
def test_implied_topics_follow_the_topic_rows_not_their_slugs(users):
    """A staff edit of a topic's slug or name does not change which cases it reaches; the
    implication fields on the row do."""
    from devtools.demo.taxonomy import load as load_taxonomy
    from ta_library.index import catalogue_index
    from ta_library.selectors.case_profile import case_profile, case_profile_queryset
    from ta_library.services import catalogue_changed
    from taxonomy.models import PersecutionType, Topic
    from tests.cases.factories import CaseFactory

    load_taxonomy(lambda message: None)
    gang = PersecutionType.objects.get(slug="gang-violence")
    case = CaseFactory(
        attorney=users["attorney"],
        persecution_types=[gang],
        detention_status="detained",
        age_group_at_harm="adult",
    )
    Topic.objects.filter(slug="gang-based-claims").update(slug="gangs", name="Gangs")
    Topic.objects.filter(slug="detention").update(slug="immigration-detention")
    catalogue_changed()

    def topics():
        profile = case_profile(case_profile_queryset().get(pk=case.pk), catalogue_index())
        return set(Topic.objects.filter(pk__in=profile.topic).values_list("slug", flat=True))

    assert topics() == {"gangs", "immigration-detention"}
    Topic.objects.filter(slug="immigration-detention").update(implied_by_detention=False)
    Topic.objects.filter(slug="children").update(implied_by_detention=True)
    catalogue_changed()
    assert topics() == {"gangs", "children"}
