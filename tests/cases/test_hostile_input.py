"""SECURITY S15: hostile form input gets a form error, never a 500, and never a case."""

import pytest
from django.urls import reverse

from cases.models import Case
from outcomes.models import Outcome
from tests.cases.factories import CaseFactory

pytestmark = pytest.mark.django_db

HOSTILE = ["\x00", "-1", "1e309", "9" * 40, "<script>alert(1)</script>", "' OR 1=1 --", "ü" * 6000]


def _refused_or_stored_safely(client, response, model):
    """Either the form refuses the value (200, nothing saved) or it is a legitimate free-text
    answer, saved and shown escaped on the case record."""
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert "<script>alert(1)</script>" not in response.content.decode()
        assert model.objects.count() == 0
        return
    case = Case.objects.get()
    record = client.get(reverse("cases:detail", args=[case.number])).content.decode()
    assert "<script>alert(1)</script>" not in record


INTAKE_FIELDS = [
    "intake_token",
    "country_of_origin",
    "persecution_types",
    "protection_types",
    "procedural_stage",
    "detention_status",
    "client_gender",
    "age_group_at_harm",
    "outcome_rendered",
    "notes",
    "deadlines-TOTAL_FORMS",
    "deadlines-INITIAL_FORMS",
    "deadlines-0-due_on",
    "deadlines-0-description",
]


@pytest.mark.parametrize("value", HOSTILE)
@pytest.mark.parametrize("field", INTAKE_FIELDS)
def test_hostile_intake_values_are_refused_cleanly(attorney_client, intake_data, field, value):
    response = attorney_client.post(reverse("cases:intake"), intake_data(**{field: value}))
    _refused_or_stored_safely(attorney_client, response, Case)


OUTCOME_FIELDS = [
    "submission_token",
    "decided_on",
    "adjudicator_level",
    "decision",
    "grounds",
    "denial_reasons",
    "appeal",
    "psg_formulations",
    "location",
]


@pytest.mark.parametrize("value", HOSTILE)
@pytest.mark.parametrize("field", OUTCOME_FIELDS)
def test_hostile_outcome_values_are_refused_cleanly(attorney_client, users, field, value):
    case = CaseFactory(attorney=users["attorney"])
    data = {
        "submission_token": "8d5b0a1e-4a0f-4b59-9e7a-1c1d2f3a4b5c",
        "decided_on": "2026-01-02",
        "adjudicator_level": "immigration_judge",
        "decision": "denied",
        field: value,
    }
    response = attorney_client.post(reverse("outcomes:create", args=[case.number]), data)
    _refused_or_stored_safely(attorney_client, response, Outcome)
