"""The admin shows cases and outcomes read-only, and survives odd searches."""

import pytest
from django.urls import reverse

from tests.cases.factories import CaseFactory
from tests.outcomes.factories import OutcomeFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("query", ["", "abc", "12345", "'; drop table", "9" * 30])
def test_case_and_outcome_lists_answer_any_search(staff_client, query):
    case = CaseFactory()
    OutcomeFactory(case=case)
    for name in ("admin:cases_case_changelist", "admin:outcomes_outcome_changelist"):
        response = staff_client.get(reverse(name), {"q": query})
        assert response.status_code == 200, (name, query)


def test_a_case_opens_read_only_with_its_outcomes_and_history(staff_client):
    case = CaseFactory()
    OutcomeFactory(case=case)
    response = staff_client.get(reverse("admin:cases_case_change", args=[case.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Denied" in body  # the outcome inline
    assert 'name="_save"' not in body
    assert (
        reverse("admin:cases_case_add")
        not in staff_client.get(reverse("admin:cases_case_changelist")).content.decode()
    )
