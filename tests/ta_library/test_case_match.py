"""The alerts' matcher (one resource against every case, in SQL) agrees with the rule
(ta_library.rules.match_reasons, one case and one resource) on random cases and resources,
and records each (case, resource) pair once, for open cases with alerts on only."""

import random

import pytest

from cases.models import AlertFrequency, Case
from ta_library.case_match import matching_case_ids, record_matches
from ta_library.index import catalogue_index
from ta_library.models import Audience, CaseMatch, Resource
from ta_library.rules import ResourceTags, match_reasons
from ta_library.selectors.case_profile import case_profile, case_profile_queryset
from taxonomy.models import PersecutionType, ProceduralStage, ProtectionType, ResourceType, Topic
from tests.cases.conftest import taxonomy_terms  # noqa: F401
from tests.cases.factories import CaseFactory
from tests.ta_library.factories import ResourceFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("taxonomy_terms")]


def _tags(resource: Resource) -> ResourceTags:
    return ResourceTags(
        country_specific=resource.resource_type.country_specific,
        relevant_to_every_case=resource.relevant_to_every_case,
        countries=frozenset(resource.countries),
        persecution=frozenset(t.pk for t in resource.persecution_types.all()),
        protection=frozenset(t.pk for t in resource.protection_types.all()),
        stage=frozenset(t.pk for t in resource.procedural_stages.all()),
        topic=frozenset(t.pk for t in resource.topics.all()),
    )


def _world(rng: random.Random, cases: int, resources: int, attorney):
    persecution = list(
        PersecutionType.objects.filter(
            slug__in=["domestic-violence", "gang-violence", "religion", "lgbtq"]
        )
    )
    protection = list(ProtectionType.objects.all())
    stages = list(ProceduralStage.objects.filter(slug__in=["immigration-court", "bia", "other"]))
    topics = list(
        Topic.objects.filter(slug__in=["detention", "children", "gang-based-claims", "nexus"])
    )
    types = list(ResourceType.objects.filter(slug__in=["sample-brief", "country-conditions"]))
    for _ in range(cases):
        CaseFactory(
            attorney=attorney,
            country_of_origin=rng.choice(["GT", "HN", "SV"]),
            persecution_types=rng.sample(persecution, rng.randint(1, 2)),
            protection_types=rng.sample(protection, rng.randint(1, 2)),
            procedural_stage=rng.choice(stages),
            detention_status=rng.choice(["detained", "released", "not_detained", "unknown"]),
            age_group_at_harm=rng.choice(["child", "adult", ""]),
        )
    for _ in range(resources):
        ResourceFactory(
            resource_type=rng.choice(types),
            relevant_to_every_case=rng.random() < 0.05,
            countries=rng.sample(["GT", "HN", "SV"], rng.choice([0, 1, 2])),
            persecution_types=rng.sample(persecution, rng.choice([0, 0, 1, 2])),
            protection_types=rng.sample(protection, rng.choice([0, 0, 1])),
            procedural_stages=rng.sample(stages, rng.choice([0, 1, 1])),
            topics=rng.sample(topics, rng.choice([0, 1, 1, 2])),
        )


def test_the_sql_matcher_applies_the_same_rule_as_match_reasons(users):
    rng = random.Random(20261205)
    _world(rng, cases=40, resources=80, attorney=users["attorney"])
    index = catalogue_index()
    profiles = {
        case.pk: case_profile(case, index) for case in case_profile_queryset().order_by("pk")
    }
    resources = Resource.objects.select_related("resource_type").prefetch_related(
        "persecution_types", "protection_types", "procedural_stages", "topics"
    )
    matched_somewhere = 0
    for resource in resources:
        expected = {
            pk for pk, profile in profiles.items() if match_reasons(_tags(resource), profile)
        }
        assert matching_case_ids(resource.pk) == expected, resource.pk
        matched_somewhere += bool(expected) and len(expected) < len(profiles)
    # The random world exercises partial matches, not only all-or-nothing.
    assert matched_somewhere > 20


def test_each_pair_is_recorded_once_for_open_cases_with_alerts_on(users):
    attorney = users["attorney"]
    weekly = CaseFactory(attorney=attorney, country_of_origin="GT")
    daily = CaseFactory(attorney=attorney, country_of_origin="GT", alert_frequency="daily")
    CaseFactory(attorney=attorney, country_of_origin="GT", alert_frequency="off")
    closed = CaseFactory(attorney=attorney, country_of_origin="GT")
    Case.objects.filter(pk=closed.pk).update(closed_at="2026-01-01T00:00Z")
    resource = ResourceFactory(relevant_to_every_case=True)
    assert record_matches(resource.pk) == 2
    # A second run (a retag, a republication, a redelivered task) records nothing.
    assert record_matches(resource.pk) == 0
    assert set(CaseMatch.objects.values_list("case_id", flat=True)) == {weekly.pk, daily.pk}


@pytest.mark.parametrize(
    "change", [{"is_published": False}, {"audience": Audience.EXPERTS}], ids=["draft", "experts"]
)
def test_nothing_is_recorded_for_what_attorneys_cannot_open(users, change):
    CaseFactory(attorney=users["attorney"])
    resource = ResourceFactory(relevant_to_every_case=True, **change)
    assert record_matches(resource.pk) == 0
    assert not CaseMatch.objects.exists()


def test_publishing_retagging_and_bulk_actions_queue_the_matching(
    users, django_capture_on_commit_callbacks
):
    """The write services queue the task through the outbox; it runs after commit."""
    from ta_library import services

    gang = PersecutionType.objects.get(slug="gang-violence")
    case = CaseFactory(attorney=users["attorney"], persecution_types=[gang])
    draft = ResourceFactory(is_published=False, persecution_types=[gang])
    other = ResourceFactory(is_published=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.resources_set_published(resource_ids=[draft.pk], published=True)
    assert list(CaseMatch.objects.values_list("case_id", "resource_id")) == [(case.pk, draft.pk)]
    with django_capture_on_commit_callbacks(execute=True):
        services.resources_add_tags(
            resource_ids=[other.pk], field="persecution_types", terms=[gang]
        )
    assert CaseMatch.objects.filter(case=case, resource=other).exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.resources_set_general(resource_ids=[other.pk], general=True)
    assert CaseMatch.objects.count() == 2


def test_an_intake_edit_that_brings_resources_into_a_library_records_nothing(users):
    from cases.services import case_update

    religion = PersecutionType.objects.get(slug="religion")
    ResourceFactory(persecution_types=[religion])
    case = CaseFactory(attorney=users["attorney"])
    case_update(
        case=case,
        editor=users["attorney"],
        country_of_origin="GT",
        persecution_types=[religion],
        protection_types=list(case.protection_types.all()),
        procedural_stage=case.procedural_stage,
        detention_status=case.detention_status,
        deadlines=[],
    )
    assert not CaseMatch.objects.exists()
    assert Case.objects.get(pk=case.pk).alert_frequency == AlertFrequency.WEEKLY


def test_the_database_refuses_a_pair_twice(users):
    """The matcher's "not recorded yet" check runs under a per-resource lock; the unique
    constraint is what still holds if anything else writes a pair."""
    from django.db import IntegrityError, transaction

    case = CaseFactory(attorney=users["attorney"])
    resource = ResourceFactory(relevant_to_every_case=True)
    assert record_matches(resource.pk) == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        CaseMatch.objects.create(case=case, resource=resource, matched_at=case.created_at)


def test_deleting_a_case_or_a_resource_deletes_its_matches(users):
    """No foreign keys in the database (each cost a check per row): Django's on_delete
    removes the matches."""
    kept, deleted_case = (CaseFactory(attorney=users["attorney"]) for _ in range(2))
    resource, deleted_resource = (ResourceFactory(relevant_to_every_case=True) for _ in range(2))
    record_matches(resource.pk)
    record_matches(deleted_resource.pk)
    deleted_case.delete()
    deleted_resource.delete()
    assert list(CaseMatch.objects.values_list("case_id", "resource_id")) == [(kept.pk, resource.pk)]
