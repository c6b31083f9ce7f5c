"""Factories for TA Library resources. Every resource made here bumps the catalogue version,
as the write services do, so the per-process bitmaps see it."""

import datetime

import factory

from ta_library.models import Audience, Resource
from ta_library.services import catalogue_changed
from taxonomy.models import PersecutionType, ProceduralStage, ProtectionType, ResourceType, Topic


class ResourceTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ResourceType
        django_get_or_create = ["slug"]

    slug = "sample-brief"
    name = factory.LazyAttribute(lambda o: o.slug.replace("-", " ").capitalize())
    country_specific = False


def country_conditions_type():
    return ResourceTypeFactory(
        slug="country-conditions", name="Country conditions research", country_specific=True
    )


def term(model, slug: str, name: str | None = None):
    return model.objects.get_or_create(
        slug=slug, defaults={"name": name or slug.replace("-", " ")}
    )[0]


def persecution(slug="domestic-violence", name=None):
    return term(PersecutionType, slug, name)


def protection(slug="asylum", name=None):
    return term(ProtectionType, slug, name)


def stage(slug="immigration-court", name=None):
    return term(ProceduralStage, slug, name)


def topic(slug="credibility", name=None):
    return term(Topic, slug, name)


class ResourceFactory(factory.django.DjangoModelFactory):
    """A published attorney resource. Pass persecution_types=[...] etc. to tag it."""

    class Meta:
        model = Resource
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Practice advisory {n}")
    summary = "How to argue a particular social group before the immigration court."
    resource_type = factory.SubFactory(ResourceTypeFactory)
    published_on = factory.Sequence(
        lambda n: datetime.date(2020, 1, 1) + datetime.timedelta(days=n)
    )
    authored_by_cgrs = True
    external_url = "https://example.org/resource"
    audience = Audience.ATTORNEYS
    is_published = True
    first_published_at = factory.LazyFunction(
        lambda: datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    )

    @factory.post_generation
    def persecution_types(self, create, extracted, **kwargs):
        if create and extracted:
            self.persecution_types.set(extracted)

    @factory.post_generation
    def protection_types(self, create, extracted, **kwargs):
        if create and extracted:
            self.protection_types.set(extracted)

    @factory.post_generation
    def procedural_stages(self, create, extracted, **kwargs):
        if create and extracted:
            self.procedural_stages.set(extracted)

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.set(extracted)

    @factory.post_generation
    def bump_catalogue(self, create, extracted, **kwargs):
        if create:
            catalogue_changed()
