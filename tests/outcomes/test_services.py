"""Outcome reporting under concurrency, against real PostgreSQL."""

import datetime
import uuid

from outcomes.models import Outcome
from outcomes.services import outcome_create
from tests.cases.factories import CaseFactory
from tests.cases.helpers import in_parallel


def test_the_same_outcome_form_sent_in_parallel_saves_one_outcome(transactional_db, users):
    case = CaseFactory(attorney=users["attorney"])
    token = uuid.uuid4()

    def report(i):
        return outcome_create(
            case=case,
            reporter=users["attorney"],
            submission_token=token,
            decided_on=datetime.date(2026, 1, 5),
            adjudicator_level="immigration_judge",
            decision="denied",
            appeal="appealed",
        )

    results = in_parallel(6, report, 6)
    assert Outcome.objects.count() == 1
    assert sum(result.created for result in results) == 1
    assert len({result.outcome.pk for result in results}) == 1
