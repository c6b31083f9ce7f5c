"""Reporting outcomes: the form, its errors, the stage it moves and who may use it."""

import datetime
import re
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import CaseChange, ChangeSource
from outcomes.models import Outcome
from taxonomy.models import ProceduralStage
from tests.cases.factories import CaseFactory, ProceduralStageFactory
from tests.outcomes.factories import OutcomeFactory

pytestmark = pytest.mark.django_db


def _outcome(**overrides):
    data = {
        "submission_token": str(uuid.uuid4()),
        "decided_on": "2026-02-10",
        "adjudicator_level": "immigration_judge",
        "location": "San Francisco Immigration Court",
        "adjudicator_name": "",
        "decision": "denied",
        "grounds": ["psg"],
        "psg_formulations": "Guatemalan women unable to leave a relationship\n\n  Honduran women  ",
        "denial_reasons": ["nexus", "psg_not_cognizable"],
        "denial_reasons_text": "",
        "appeal": "appealed",
        "notes": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def _url(case, **query):
    url = reverse("outcomes:create", args=[case.number])
    return url + ("?from=intake" if query.get("from_intake") else "")


def test_the_form_marks_required_fields_and_offers_document_uploads(attorney_client, users):
    case = CaseFactory(attorney=users["attorney"])
    body = attorney_client.get(_url(case)).content.decode()
    assert body.count('<span class="required">') == 3  # date, level, outcome
    assert "(required)" in body
    assert "coming soon" not in body
    assert body.count('type="file"') == 3
    assert 'enctype="multipart/form-data"' in body
    # The share permission has no default: no radio button is checked.
    assert "checked" not in body.split('id="documents-heading"')[1]


def test_an_appealed_ij_denial_is_saved_and_moves_the_case_to_the_bia(
    attorney_client, users, taxonomy_terms
):
    case = CaseFactory(
        attorney=users["attorney"],
        procedural_stage=ProceduralStage.objects.get(slug="immigration-court"),
    )
    response = attorney_client.post(_url(case), _outcome())
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:detail", args=[case.number])
    outcome = Outcome.objects.get()
    assert outcome.case == case and outcome.reported_by == users["attorney"]
    assert outcome.psg_formulations == [
        "Guatemalan women unable to leave a relationship",
        "Honduran women",
    ]
    case.refresh_from_db()
    assert case.procedural_stage.slug == "bia"
    change = CaseChange.objects.get(case=case, source=ChangeSource.OUTCOME)
    assert change.changes[0]["old"] == "Defensive, before the immigration court"
    assert change.changes[0]["new"] == "Appeal at the Board of Immigration Appeals (BIA)"
    record = attorney_client.get(response["Location"]).content.decode()
    assert "Outcome reported" in record and "Add another outcome" in record


@pytest.mark.parametrize(
    ("level", "decision", "appeal", "start", "end"),
    [
        ("asylum_office", "denied", "", "affirmative", "immigration-court"),
        ("bia", "dismissed", "appealed", "bia", "circuit-court"),
        ("immigration_judge", "granted_asylum", "not_appealed", "immigration-court", None),
        # Never backwards: an old IJ decision reported on a case already at the circuit.
        ("immigration_judge", "denied", "appealed", "circuit-court", None),
    ],
)
def test_stage_moves_only_forward(
    attorney_client, users, taxonomy_terms, level, decision, appeal, start, end
):
    case = CaseFactory(
        attorney=users["attorney"], procedural_stage=ProceduralStage.objects.get(slug=start)
    )
    data = _outcome(adjudicator_level=level, decision=decision, appeal=appeal)
    if decision != "denied":
        data.update(denial_reasons=[], denial_reasons_text="")
    assert attorney_client.post(_url(case), data).status_code == 302
    case.refresh_from_db()
    assert case.procedural_stage.slug == (end or start)
    stage_changes = CaseChange.objects.filter(
        case=case, source=ChangeSource.OUTCOME, changes__0__field="procedural_stage"
    )
    assert stage_changes.exists() == bool(end)


def test_after_an_intake_the_outcome_leads_on_to_the_ta_library(attorney_client, users):
    case = CaseFactory(attorney=users["attorney"], outcome_rendered=True)
    body = attorney_client.get(_url(case, from_intake=True)).content.decode()
    assert f"Your CGRS case number is <strong>{case.number}</strong>" in body
    response = attorney_client.post(_url(case, from_intake=True), _outcome(appeal=""))
    assert response["Location"] == reverse("ta_library:case_library", args=[case.number])


def test_several_outcomes_are_listed_in_date_order(attorney_client, users):
    case = CaseFactory(attorney=users["attorney"])
    OutcomeFactory(case=case, decided_on=datetime.date(2025, 9, 1), decision="remanded")
    attorney_client.post(_url(case), _outcome(decided_on="2024-05-05", appeal=""))
    record = attorney_client.get(reverse("cases:detail", args=[case.number])).content.decode()
    assert record.index("2024-05-05") < record.index("2025-09-01")
    assert case.outcomes.count() == 2


def test_submitting_the_same_outcome_form_twice_saves_one_outcome(attorney_client, users):
    case = CaseFactory(attorney=users["attorney"])
    data = _outcome(appeal="")
    first = attorney_client.post(_url(case), data)
    second = attorney_client.post(_url(case), data)
    assert first["Location"] == second["Location"]
    assert case.outcomes.count() == 1
    body = attorney_client.get(second["Location"]).content.decode()
    assert "This outcome had already been saved." in body


def test_the_outcome_form_issues_a_fresh_token_each_time(attorney_client, users):
    case = CaseFactory(attorney=users["attorney"])
    pattern = re.compile(r'name="submission_token" value="([0-9a-f-]{36})"')
    first = pattern.search(attorney_client.get(_url(case)).content.decode()).group(1)
    second = pattern.search(attorney_client.get(_url(case)).content.decode()).group(1)
    assert first != second


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ({"submission_token": "tampered"}, "This form has expired"),
        ({"decided_on": "2099-01-01"}, "cannot be in the future"),
        ({"decided_on": "10/02/2026x"}, "Enter a date"),
        ({"decided_on": ""}, "This field is required"),
        ({"decision": None}, "This field is required"),
        ({"decision": "granted_everything"}, "Select a valid choice"),
        ({"adjudicator_level": "supreme_court"}, "Select a valid choice"),
        ({"grounds": ["psg", "astrology"]}, "Select a valid choice"),
        ({"appeal": "sometimes"}, "Select a valid choice"),
        ({"decision": "granted_asylum"}, "Reasons for denial apply only to a denial"),
        ({"psg_formulations": "x" * 600}, "at most 500 characters"),
    ],
)
def test_bad_input_gets_a_clear_error_and_keeps_the_other_answers(
    attorney_client, users, override, message
):
    case = CaseFactory(attorney=users["attorney"])
    response = attorney_client.post(_url(case), _outcome(notes="Keep me", **override))
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body
    assert "Keep me" in body and "San Francisco Immigration Court" in body
    assert not Outcome.objects.exists()


def test_today_is_an_acceptable_decision_date(attorney_client, users):
    case = CaseFactory(attorney=users["attorney"])
    today = timezone.localdate().isoformat()
    assert attorney_client.post(_url(case), _outcome(decided_on=today)).status_code == 302


def test_another_attorney_cannot_open_or_post_an_outcome_for_my_case(client, make_user):
    case = CaseFactory()
    client.force_login(make_user("attorney"))
    assert client.get(_url(case)).status_code == 404
    assert client.post(_url(case), _outcome()).status_code == 404
    assert not Outcome.objects.exists()


def test_staff_report_no_outcomes_through_the_attorney_form(staff_client):
    case = CaseFactory(procedural_stage=ProceduralStageFactory())
    assert staff_client.post(_url(case), _outcome()).status_code == 403
