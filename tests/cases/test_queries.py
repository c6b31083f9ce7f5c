"""Query counts stay the same whether there is 1 case or 50 (no N+1)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases.models import CaseChange, ChangeSource
from tests.cases.factories import CaseFactory, DeadlineFactory
from tests.outcomes.factories import OutcomeFactory

pytestmark = pytest.mark.django_db

# Queries on our own tables, pinned so that any new one shows up in review (the session,
# user and allauth queries around them belong to the foundation and are compared, not pinned).
# My cases: the rows (stage and latest outcome joined in) + the total; then My requests for
# more help (ta_requests.my_account): its rows (case joined in) + the total; then case alerts
# (alerts.my_account): the open cases' settings and the one for new cases, in one query.
MY_ACCOUNT_QUERIES = 5
CASE_LIST_QUERIES = 2  # count + page
STAFF_LIST_QUERIES = 3  # numbers in use + count + page
# case, persecution types, protection types, deadlines, outcomes, history, documents (with
# their outcomes joined in), audit row, outcomes reported for similar cases (insights)
CASE_RECORD_QUERIES = 9
OWN_TABLES = ('"cases_', '"outcomes_', '"audit_', '"taxonomy_', "insights_")


def _cases_with_outcomes(attorney, count):
    for i in range(count):
        case = CaseFactory(attorney=attorney)
        OutcomeFactory(case=case, decided_on=datetime.date(2025, 1, 1) + datetime.timedelta(i))


def _queries(client, url) -> tuple[int, int]:
    """(all queries, queries on our tables) for one warm GET (the first request of a session
    records it in allauth's user sessions, so it is not measured)."""
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    own = [q for q in queries if any(table in q["sql"] for table in OWN_TABLES)]
    return len(queries), len(own)


@pytest.mark.parametrize(
    ("url_name", "principal", "pinned"),
    [
        ("accounts:my_account", "attorney", MY_ACCOUNT_QUERIES),
        ("cases:list", "attorney", CASE_LIST_QUERIES),
        ("cases:staff_list", "staff", STAFF_LIST_QUERIES),
    ],
)
def test_case_lists_cost_the_same_at_1_and_50_cases(client_for, users, url_name, principal, pinned):
    client = client_for(principal)
    url = reverse(url_name)
    _cases_with_outcomes(users["attorney"], 1)
    at_one = _queries(client, url)
    _cases_with_outcomes(users["attorney"], 49)
    at_fifty = _queries(client, url)
    assert at_one == at_fifty
    assert at_one[1] == pinned


def _fill_record(case, count):
    for i in range(count):
        OutcomeFactory(case=case, decided_on=datetime.date(2024, 1, 1) + datetime.timedelta(i))
        DeadlineFactory(case=case)
        CaseChange.objects.create(
            case=case, changed_by=case.attorney, source=ChangeSource.EDIT, changes=[]
        )


@pytest.mark.parametrize(
    ("url_name", "principal"), [("cases:detail", "attorney"), ("cases:staff_detail", "staff")]
)
def test_case_record_costs_the_same_at_1_and_50_outcomes_and_edits(
    client_for, users, url_name, principal
):
    client = client_for(principal)
    case = CaseFactory(attorney=users["attorney"])
    _fill_record(case, 1)
    CaseFactory.create_batch(1, attorney=users["attorney"])
    url = reverse(url_name, args=[case.number])
    at_one = _queries(client, url)
    _fill_record(case, 49)
    CaseFactory.create_batch(49, attorney=users["attorney"])
    at_fifty = _queries(client, url)
    assert at_one == at_fifty
    assert at_one[1] == CASE_RECORD_QUERIES


@pytest.mark.parametrize("url_name", ["outcomes:create", "cases:edit", "cases:submitted"])
def test_case_forms_cost_the_same_at_1_and_50_outcomes(client_for, users, url_name):
    client = client_for("attorney")
    case = CaseFactory(attorney=users["attorney"])
    for i in range(2):
        DeadlineFactory(case=case, description=f"Deadline {i}")
    _fill_record(case, 1)
    url = reverse(url_name, args=[case.number])
    at_one = _queries(client, url)
    _fill_record(case, 49)
    # The edit form shows at most 12 deadline rows; keep the deadlines at two.
    case.deadlines.exclude(description__startswith="Deadline").delete()
    at_fifty = _queries(client, url)
    assert at_one == at_fifty
