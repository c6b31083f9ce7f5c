import itertools

import factory

from cases.models import CASE_NUMBER_MIN, Case, Deadline
from taxonomy.models import PersecutionType, ProceduralStage, ProtectionType
from tests.factories import AttorneyFactory
from tests.sentinels import CASE_NOTES

# Distinct, non-sequential numbers within a test run: a step coprime with the 90,000-number
# space visits every number once before repeating.
_NUMBER_STEP = 7919
_numbers = itertools.count(1)


def _next_number() -> int:
    return CASE_NUMBER_MIN + (next(_numbers) * _NUMBER_STEP) % 90000


class ProceduralStageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProceduralStage
        django_get_or_create = ["slug"]

    slug = "immigration-court"
    name = "Defensive, before the immigration court"


class PersecutionTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PersecutionType
        django_get_or_create = ["slug"]

    slug = "domestic-violence"
    name = "Domestic violence"


class ProtectionTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProtectionType
        django_get_or_create = ["slug"]

    slug = "asylum"
    name = "Asylum"


class CaseFactory(factory.django.DjangoModelFactory):
    """A case as the intake would create it. `persecution_types=[...]` and
    `protection_types=[...]` replace the defaults (domestic violence; asylum)."""

    class Meta:
        model = Case
        skip_postgeneration_save = True

    number = factory.LazyFunction(_next_number)
    attorney = factory.SubFactory(AttorneyFactory)
    country_of_origin = "GT"
    procedural_stage = factory.SubFactory(ProceduralStageFactory)
    detention_status = "not_detained"
    # A client's name and A-number: the suite-wide sentinel (tests/sentinel_plugin.py) fails
    # any test during which they reach a log record, an email or a task argument.
    notes = CASE_NOTES

    @factory.post_generation
    def persecution_types(self, create, extracted, **kwargs):
        if create:
            self.persecution_types.set(
                extracted if extracted is not None else [PersecutionTypeFactory()]
            )

    @factory.post_generation
    def protection_types(self, create, extracted, **kwargs):
        if create:
            self.protection_types.set(
                extracted if extracted is not None else [ProtectionTypeFactory()]
            )


class DeadlineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Deadline

    case = factory.SubFactory(CaseFactory)
    due_on = factory.Faker("future_date", end_date="+90d")
    description = "Master calendar hearing"
