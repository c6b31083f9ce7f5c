"""Factories for listings. Every listing made here bumps the listings' version, as the write
services do, so the expert search's per-process bitmaps see it."""

import factory
from django.utils import timezone

from experts.models import Availability, ExpertType, FeeTerms, Listing, ListingStatus
from experts.services.listing import cv_store
from experts.services.listings_version import listings_changed
from tests.experts.pdfs import pdf_bytes, upload
from tests.factories import ExpertFactory, OrganizationFactory


class ListingFactory(factory.django.DjangoModelFactory):
    """A listed country conditions expert on Guatemala, accepting new cases."""

    class Meta:
        model = Listing
        skip_postgeneration_save = True

    class Params:
        clinic = factory.Trait(
            is_clinic=True,
            owner=None,
            organization=factory.SubFactory(OrganizationFactory),
            expert_types=[ExpertType.MENTAL_HEALTH, ExpertType.MEDICAL],
            countries=[],
        )

    is_clinic = False
    owner = factory.SubFactory(ExpertFactory)
    organization = None
    status = ListingStatus.LISTED
    display_name = factory.Sequence(lambda n: f"Dr. Expert {n}")
    credentials = "PhD, Anthropology. Twenty years of field research."
    expert_types = factory.LazyFunction(lambda: [ExpertType.COUNTRY_CONDITIONS])
    countries = factory.LazyFunction(lambda: ["GT"])
    languages = factory.LazyFunction(lambda: ["en", "es"])
    works_remotely = True
    fee_terms = FeeTerms.FEE
    availability = Availability.ACCEPTING
    availability_confirmed_at = factory.LazyFunction(timezone.now)
    contact_email = factory.Sequence(lambda n: f"expert-contact{n}@example.net")

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.set(extracted)

    @factory.post_generation
    def with_cv(self, create, extracted, **kwargs):
        """with_cv=True stores a real PDF as the listing's CV."""
        if create and extracted:
            self.cv.name = cv_store(upload(pdf_bytes(f"CV of {self.display_name}")))
            self.cv_uploaded_at = timezone.now()
            self.save(update_fields=["cv", "cv_uploaded_at"])

    @factory.post_generation
    def bump_listings_version(self, create, extracted, **kwargs):
        if create:
            listings_changed()
