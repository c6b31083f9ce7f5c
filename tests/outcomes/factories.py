import datetime

import factory

from outcomes.models import AdjudicatorLevel, Decision, Outcome
from tests.cases.factories import CaseFactory


class OutcomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Outcome

    case = factory.SubFactory(CaseFactory)
    decided_on = datetime.date(2026, 3, 2)
    adjudicator_level = AdjudicatorLevel.IMMIGRATION_JUDGE
    decision = Decision.DENIED
    location = "San Francisco Immigration Court"
    reported_by = factory.SelfAttribute("case.attorney")
