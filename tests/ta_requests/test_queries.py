"""Query counts of every page that lists requests stay the same at 1 and at 50 requests."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ta_requests import services
from tests.cases.factories import CaseFactory
from tests.documents.factories import DocumentFactory
from tests.ta_requests.factories import TARequestFactory

pytestmark = pytest.mark.django_db


def _queries(client, url) -> int:
    client.get(url)  # the first request of a session records it; not measured
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def _requests(case, count, staff):
    statuses = ["received", "in_progress", "waiting", "answered", "closed"]
    for index in range(count):
        ta_request = TARequestFactory(
            case=case,
            status=statuses[index % len(statuses)],
            assigned_to=staff if index % 2 else None,
            deadline_on=None,
        )
        if index % 3 == 0:
            ta_request.documents.add(DocumentFactory(case=case))


@pytest.mark.parametrize(
    ("url_name", "principal"), [("cases:detail", "attorney"), ("cases:staff_detail", "staff")]
)
def test_case_record_costs_the_same_at_1_and_50_requests(client_for, users, url_name, principal):
    client = client_for(principal)
    case = CaseFactory(attorney=users["attorney"])
    _requests(case, 1, users["staff"])
    url = reverse(url_name, args=[case.number])
    at_one = _queries(client, url)
    _requests(case, 49, users["staff"])
    at_fifty = _queries(client, url)
    assert at_one == at_fifty
    assert client.get(url).content.decode().count("data-ta-request=") == 50


@pytest.mark.parametrize(
    "query", ["", "?status=open&kind=legal_research", "?status=received&assignee=null"]
)
def test_staff_queue_costs_the_same_at_1_and_50(client_for, users, query):
    client = client_for("staff")
    url = reverse("ta_requests:staff_queue") + query
    _requests(CaseFactory(), 1, users["staff"])
    at_one = _queries(client, url)
    for _ in range(7):
        _requests(CaseFactory(), 7, users["staff"])
    at_fifty = _queries(client, url)
    assert at_one == at_fifty


def test_my_account_costs_the_same_at_1_and_50_requests(client_for, users):
    client = client_for("attorney")
    url = reverse("accounts:my_account")
    case = CaseFactory(attorney=users["attorney"])
    _requests(case, 1, users["staff"])
    at_one = _queries(client, url)
    _requests(case, 49, users["staff"])
    assert _queries(client, url) == at_one


@pytest.mark.parametrize(
    ("url_name", "principal"),
    [("ta_requests:detail", "attorney"), ("ta_requests:staff_detail", "staff")],
)
def test_a_request_page_costs_the_same_at_1_and_50_messages(client_for, users, url_name, principal):
    client = client_for(principal)
    case = CaseFactory(attorney=users["attorney"])
    ta_request = TARequestFactory(case=case)

    def converse(times):
        for _ in range(times):
            services.ta_request_staff_respond(
                ta_request=ta_request, actor=users["staff"], action="reply", body="A reply."
            )
            services.ta_request_attorney_reply(
                ta_request=ta_request,
                attorney=users["attorney"],
                body="Thanks.",
                document_ids=[DocumentFactory(case=case).pk],
            )

    converse(1)
    url = reverse(url_name, args=[ta_request.pk])
    at_one = _queries(client, url)
    converse(24)
    assert _queries(client, url) == at_one
