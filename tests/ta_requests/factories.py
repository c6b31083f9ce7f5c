"""Requests for more help for tests, made as the form would make them (through the model,
with the clock the service would set)."""

import uuid

import factory
from django.utils import timezone

from ta_requests.business_days import first_response_due
from ta_requests.models import TARequest
from tests.cases.factories import CaseFactory


class TARequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TARequest

    case = factory.SubFactory(CaseFactory)
    requested_by = factory.SelfAttribute("case.attorney")
    kind = "legal_research"
    question = "Is there recent circuit authority on this particular social group?"
    urgency = "soon"
    submission_token = factory.LazyFunction(uuid.uuid4)
    first_response_due_on = factory.LazyFunction(lambda: first_response_due(timezone.localdate()))
