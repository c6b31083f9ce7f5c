"""The case pages as an attorney and as staff see them."""

import datetime
import logging
import re

import pytest
from django.urls import reverse

from cases.models import Case, CaseChange, ChangeSource
from taxonomy.models import PersecutionType, ProceduralStage
from tests.cases.factories import CaseFactory, DeadlineFactory
from tests.cases.helpers import fill_number_space
from tests.outcomes.factories import OutcomeFactory

pytestmark = pytest.mark.django_db


def _submit(client, data):
    return client.post(reverse("cases:intake"), data)


def test_intake_form_issues_a_fresh_token_and_asks_no_identifiers(attorney_client, taxonomy_terms):
    first = attorney_client.get(reverse("cases:intake")).content.decode()
    second = attorney_client.get(reverse("cases:intake")).content.decode()
    token = re.compile(r'name="intake_token" value="([0-9a-f-]{36})"')
    assert token.search(first).group(1) != token.search(second).group(1)
    start = first.index('<form method="post" class="form"')
    form = first[start : first.index("</form>", start)]
    asked = set(re.findall(r'name="([a-z_]+)"', form)) - {"csrfmiddlewaretoken", "next"}
    assert asked == {
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
    }
    # Help text asks attorneys to answer inclusively.
    assert "Select every type that applies" in first


def test_attorney_submits_an_intake_and_gets_a_five_digit_number(
    attorney_client, users, intake_data
):
    due = (datetime.date.today() + datetime.timedelta(days=30)).isoformat()
    response = _submit(
        attorney_client,
        intake_data(
            notes="Client fled her partner.",
            **{"deadlines-0-due_on": due, "deadlines-0-description": "Master calendar hearing"},
        ),
    )
    case = Case.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:submitted", args=[case.number])
    assert 10000 <= case.number <= 99999
    assert case.attorney == users["attorney"]
    assert case.country_of_origin == "GT"
    assert {p.slug for p in case.protection_types.all()} == {"asylum", "withholding"}
    assert [(d.due_on.isoformat(), d.description) for d in case.deadlines.all()] == [
        (due, "Master calendar hearing")
    ]
    assert case.changes.get().source == ChangeSource.INTAKE
    page = attorney_client.get(response["Location"])
    assert str(case.number) in page.content.decode()
    assert reverse("ta_library:case_library", args=[case.number]) in page.content.decode()


def test_resubmitting_the_same_form_never_creates_a_second_case(attorney_client, intake_data):
    data = intake_data()
    first = _submit(attorney_client, data)
    second = _submit(attorney_client, {**data, "notes": "changed after going back"})
    assert Case.objects.count() == 1
    assert first["Location"] == second["Location"]
    assert Case.objects.get().notes == ""


def test_the_same_token_from_another_attorney_is_a_separate_case(
    attorney_client, make_user, client, intake_data
):
    data = intake_data()
    _submit(attorney_client, data)
    client.force_login(make_user("attorney"))
    _submit(client, data)
    assert Case.objects.count() == 2


def test_an_intake_with_a_prior_outcome_goes_to_the_outcome_form(attorney_client, intake_data):
    response = _submit(attorney_client, intake_data(outcome_rendered="yes"))
    case = Case.objects.get()
    assert response["Location"] == reverse("outcomes:create", args=[case.number]) + "?from=intake"
    page = attorney_client.get(response["Location"]).content.decode()
    assert str(case.number) in page


@pytest.mark.parametrize(
    ("override", "field", "message"),
    [
        ({"country_of_origin": "XX"}, "country_of_origin", "Select a valid choice"),
        ({"country_of_origin": ""}, "country_of_origin", "This field is required"),
        ({"persecution_types": ["999999"]}, "persecution_types", "Choose from the listed"),
        ({"persecution_types": ["not-a-number"]}, "persecution_types", "Choose from the listed"),
        ({"persecution_types": None}, "persecution_types", "This field is required"),
        ({"procedural_stage": "999999"}, "procedural_stage", "Choose one of the listed"),
        ({"detention_status": "jail"}, "detention_status", "Select a valid choice"),
        ({"client_gender": "x" * 40}, "client_gender", "Select a valid choice"),
        ({"outcome_rendered": "maybe"}, "outcome_rendered", "Select a valid choice"),
        ({"intake_token": "not-a-uuid"}, "intake_token", "This form has expired"),
        (
            {"deadlines-0-due_on": "2020-01-01", "deadlines-0-description": "Hearing"},
            "deadlines-0-due_on",
            "This date has passed",
        ),
        ({"deadlines-0-due_on": "2099-13-45"}, "deadlines-0-due_on", "Enter a date"),
        (
            {"deadlines-1-description": "Brief due"},
            "deadlines-1-due_on",
            "Enter the date this is due",
        ),
        ({"deadlines-TOTAL_FORMS": "5000"}, "deadlines", "Please submit at most 12 forms"),
    ],
)
def test_bad_input_gets_a_clear_error_and_keeps_every_other_answer(
    attorney_client, intake_data, override, field, message
):
    response = _submit(attorney_client, intake_data(notes="Keep this note", **override))
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body
    assert "There is a problem" in body or "error" in body
    assert "Keep this note" in body
    assert 'value="GT" selected' in body or field == "country_of_origin"
    assert Case.objects.count() == 0


def test_pro_se_expert_clinic_and_staff_cannot_open_the_intake(client_for, taxonomy_terms):
    for principal in ("pro_se", "expert", "clinic", "staff"):
        assert client_for(principal).get(reverse("cases:intake")).status_code == 403
        assert client_for(principal).post(reverse("cases:intake"), {}).status_code == 403
    assert Case.objects.count() == 0


def test_unverified_attorney_is_sent_to_verify_before_any_case_data(make_user, client):
    client.force_login(make_user("attorney", verified=False))
    response = client.get(reverse("cases:intake"))
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")


def _edit_data(case, **overrides):
    data = {
        "country_of_origin": case.country_of_origin.code,
        "persecution_types": [p.pk for p in case.persecution_types.all()],
        "protection_types": [p.pk for p in case.protection_types.all()],
        "procedural_stage": case.procedural_stage_id,
        "detention_status": case.detention_status,
        "client_gender": case.client_gender,
        "age_group_at_harm": case.age_group_at_harm,
        "outcome_rendered": "yes" if case.outcome_rendered else "no",
        "notes": case.notes,
        "deadlines-TOTAL_FORMS": "2",
        "deadlines-INITIAL_FORMS": "0",
        "deadlines-MIN_NUM_FORMS": "0",
        "deadlines-MAX_NUM_FORMS": "12",
    }
    data.update(overrides)
    return data


def test_edit_applies_at_once_and_the_history_keeps_the_old_values(
    attorney_client, users, taxonomy_terms
):
    case = CaseFactory(attorney=users["attorney"], notes="First note")
    gang = PersecutionType.objects.get(slug="gang-violence")
    response = attorney_client.post(
        reverse("cases:edit", args=[case.number]),
        _edit_data(case, country_of_origin="HN", persecution_types=[gang.pk], notes="Second"),
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.country_of_origin == "HN"
    assert list(case.persecution_types.all()) == [gang]
    change = CaseChange.objects.get(case=case, source=ChangeSource.EDIT)
    assert change.changed_by == users["attorney"]
    by_field = {c["field"]: (c["old"], c["new"]) for c in change.changes}
    assert by_field == {
        "country_of_origin": ("Guatemala", "Honduras"),
        "persecution_types": ("Domestic violence", "Gang violence"),
        "notes": ("First note", "Second"),
    }
    record = attorney_client.get(reverse("cases:detail", args=[case.number])).content.decode()
    assert "Guatemala" in record and "Honduras" in record and "First note" in record


def test_an_edit_that_changes_nothing_writes_no_history(attorney_client, users, taxonomy_terms):
    case = CaseFactory(attorney=users["attorney"])
    attorney_client.post(reverse("cases:edit", args=[case.number]), _edit_data(case))
    assert not CaseChange.objects.filter(case=case, source=ChangeSource.EDIT).exists()


def test_edit_keeps_a_deadline_that_has_passed_and_removes_a_cleared_one(
    attorney_client, users, taxonomy_terms
):
    case = CaseFactory(attorney=users["attorney"])
    DeadlineFactory(case=case, due_on=datetime.date(2020, 5, 1), description="Old hearing")
    DeadlineFactory(case=case, due_on=datetime.date(2099, 5, 1), description="Brief")
    data = _edit_data(
        case,
        **{
            "deadlines-TOTAL_FORMS": "4",
            "deadlines-INITIAL_FORMS": "2",
            "deadlines-0-due_on": "2020-05-01",
            "deadlines-0-description": "Old hearing",
            "deadlines-1-due_on": "",
            "deadlines-1-description": "",
        },
    )
    response = attorney_client.post(reverse("cases:edit", args=[case.number]), data)
    assert response.status_code == 302
    assert [d.description for d in case.deadlines.all()] == ["Old hearing"]


def test_edit_form_shows_the_current_answers(attorney_client, users, taxonomy_terms):
    case = CaseFactory(attorney=users["attorney"], notes="Current note", country_of_origin="SV")
    body = attorney_client.get(reverse("cases:edit", args=[case.number])).content.decode()
    assert "Current note" in body
    assert 'value="SV" selected' in body


def test_case_record_lists_outcomes_in_date_order(attorney_client, users):
    case = CaseFactory(attorney=users["attorney"])
    OutcomeFactory(case=case, decided_on=datetime.date(2025, 6, 1), decision="remanded")
    OutcomeFactory(case=case, decided_on=datetime.date(2024, 1, 1), decision="denied")
    body = attorney_client.get(reverse("cases:detail", args=[case.number])).content.decode()
    assert body.index("2024-01-01") < body.index("2025-06-01")
    assert "Add another outcome" in body


@pytest.mark.parametrize("name", ["cases:detail", "cases:edit", "cases:submitted"])
def test_another_attorneys_case_is_not_found(client, make_user, name, taxonomy_terms):
    case = CaseFactory(notes="Owner's note")
    client.force_login(make_user("attorney"))
    response = client.get(reverse(name, args=[case.number]))
    assert response.status_code == 404
    assert "Owner's note" not in response.content.decode()


def test_posting_an_edit_to_another_attorneys_case_is_not_found_and_changes_nothing(
    client, make_user, taxonomy_terms
):
    case = CaseFactory(country_of_origin="GT")
    client.force_login(make_user("attorney"))
    response = client.post(
        reverse("cases:edit", args=[case.number]), _edit_data(case, country_of_origin="MX")
    )
    assert response.status_code == 404
    case.refresh_from_db()
    assert case.country_of_origin == "GT"


@pytest.mark.parametrize("number", [1, 9999, 100000, 2**40])
def test_numbers_outside_the_five_digit_range_are_not_found(attorney_client, number):
    assert attorney_client.get(f"/cases/{number}/").status_code == 404


def test_staff_read_any_case_in_the_staff_views_not_the_attorney_pages(staff_client):
    case = CaseFactory(notes="Visible to staff")
    listing = staff_client.get(reverse("cases:staff_list")).content.decode()
    assert str(case.number) in listing
    record = staff_client.get(reverse("cases:staff_detail", args=[case.number])).content.decode()
    assert "Visible to staff" in record
    assert reverse("cases:edit", args=[case.number]) not in record
    assert staff_client.get(reverse("cases:detail", args=[case.number])).status_code == 403


def test_my_account_lists_the_attorneys_cases_with_their_links(attorney_client, users):
    mine = CaseFactory(attorney=users["attorney"], country_of_origin="HN")
    OutcomeFactory(case=mine, decision="denied")
    theirs = CaseFactory()
    body = attorney_client.get(reverse("accounts:my_account")).content.decode()
    assert str(mine.number) in body
    assert str(theirs.number) not in body
    for url in (
        reverse("cases:detail", args=[mine.number]),
        reverse("ta_library:case_library", args=[mine.number]),
        reverse("outcomes:create", args=[mine.number]),
        reverse("cases:edit", args=[mine.number]),
        reverse("cases:intake"),
    ):
        assert url in body
    assert "Honduras" in body and "Denied" in body and "Add another outcome" in body


def test_case_content_never_reaches_the_logs(attorney_client, intake_data, caplog):
    caplog.set_level(logging.DEBUG)
    response = _submit(attorney_client, intake_data(notes="SENTINEL-LOG-7731"))
    attorney_client.get(response["Location"])
    assert "SENTINEL-LOG-7731" not in caplog.text


def test_the_intake_says_so_when_no_numbers_are_left(attorney_client, intake_data, users):
    stage = ProceduralStage.objects.get(slug="immigration-court")
    fill_number_space(users["attorney"], stage, leave_free=0)
    page = attorney_client.get(reverse("cases:intake")).content.decode()
    assert "New case intakes cannot be accepted right now" in page
    response = _submit(attorney_client, intake_data())
    assert response.status_code == 200
    assert "No case numbers are left" in response.content.decode()
    assert Case.objects.filter(intake_token__isnull=False).count() == 0
