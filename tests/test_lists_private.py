"""S20: every list and count an attorney sees is proven private. Two owners each have
records; each list, read as B, holds B's rows only and counts B's rows only. Each test fails
if its query loses the owner filter (checked by removing the filter once, see the report).
Case documents have theirs in tests/documents/test_sentinel.py."""

import pytest
from django.test import Client
from django.urls import reverse

from cases.models import Case
from tests.cases.factories import CaseFactory
from tests.factories import AttorneyFactory
from tests.outcomes.factories import OutcomeFactory
from tests.ta_requests.factories import TARequestFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_owners():
    """A has more of everything than B, so a list that lost its filter shows it."""
    a, b = AttorneyFactory(), AttorneyFactory()
    a_cases = [CaseFactory(attorney=a) for _ in range(3)]
    b_case = CaseFactory(attorney=b)
    for case in [*a_cases, b_case]:
        OutcomeFactory(case=case)
        TARequestFactory(case=case)
    client = Client()
    client.force_login(b)
    return {"b": b, "b_case": b_case, "a_numbers": {c.number for c in a_cases}, "client": client}


def _section(response, title: str) -> dict:
    return next(
        s["context"]
        for s in response.context["sections"]
        if str(s["context"].get("title")) == title
    )


def test_the_case_list_and_its_count(two_owners):
    response = two_owners["client"].get(reverse("cases:list"))
    page = response.context["page_obj"]
    assert page.paginator.count == 1
    assert [case.number for case in response.context["cases"]] == [two_owners["b_case"].number]


def test_my_account_cases_and_their_total(two_owners):
    response = two_owners["client"].get(reverse("accounts:my_account"))
    cases = _section(response, "My cases")
    assert cases["total"] == 1
    assert [case.number for case in cases["cases"]] == [two_owners["b_case"].number]
    body = response.content.decode()
    assert not any(f">{number}<" in body for number in two_owners["a_numbers"])


def test_my_account_requests_and_their_total(two_owners):
    response = two_owners["client"].get(reverse("accounts:my_account"))
    requests = _section(response, "My requests for more help")
    assert requests["total"] == 1
    assert [r.case_id for r in requests["requests"]] == [two_owners["b_case"].pk]


def test_the_case_picker_for_a_request(two_owners):
    response = two_owners["client"].get(reverse("ta_requests:choose_case"))
    assert [case.number for case in response.context["cases"]] == [two_owners["b_case"].number]


def test_my_account_alert_summary_counts_own_open_cases(two_owners):
    response = two_owners["client"].get(reverse("accounts:my_account"))
    summary = next(
        s["context"]["summary"] for s in response.context["sections"] if "summary" in s["context"]
    )
    assert summary.open_cases == 1


def test_the_alerts_list_holds_own_cases_only(two_owners):
    from tests.alerts.factories import match

    for case in two_owners["b"].cases.all():
        match(case)
    for number in two_owners["a_numbers"]:
        match(Case.objects.get(number=number))
    response = two_owners["client"].get(reverse("alerts:new_resources"))
    assert [entry.case.number for entry in response.context["news"]] == [
        two_owners["b_case"].number
    ]
