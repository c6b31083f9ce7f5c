"""Query counts of the document lists stay the same at 1 and at 50 documents (no N+1)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.cases.factories import CaseFactory
from tests.documents.factories import DocumentFactory
from tests.outcomes.factories import OutcomeFactory

pytestmark = pytest.mark.django_db


def _queries(client, url) -> int:
    client.get(url)  # the first request of a session records it; not measured
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def _documents(case, count):
    outcome = OutcomeFactory(case=case)
    for index in range(count):
        DocumentFactory(
            case=case,
            outcome=outcome if index % 2 else None,
            share_permission="no" if index % 3 == 2 else "yes",
            has_javascript=index % 5 == 4,
        )


@pytest.mark.parametrize(
    ("url_name", "principal"), [("cases:detail", "attorney"), ("cases:staff_detail", "staff")]
)
def test_case_document_list_costs_the_same_at_1_and_50(client_for, users, url_name, principal):
    client = client_for(principal)
    case = CaseFactory(attorney=users["attorney"])
    _documents(case, 1)
    url = reverse(url_name, args=[case.number])
    at_one = _queries(client, url)
    _documents(case, 49)
    at_fifty = _queries(client, url)
    assert at_one == at_fifty
    assert client.get(url).content.decode().count("data-document=") == 50


@pytest.mark.parametrize("query", ["", "?share_permission=yes&state=received&kind=decision"])
def test_staff_queue_costs_the_same_at_1_and_50(client_for, users, query):
    client = client_for("staff")
    url = reverse("documents:staff_queue") + query
    _documents(CaseFactory(), 1)
    at_one = _queries(client, url)
    for _ in range(7):
        _documents(CaseFactory(), 7)
    at_fifty = _queries(client, url)
    assert at_one == at_fifty


def test_staff_queue_page_is_a_fixed_handful_of_queries(client_for, django_assert_max_num_queries):
    client = client_for("staff")
    _documents(CaseFactory(), 50)
    url = reverse("documents:staff_queue")
    client.get(url)
    # session, user (with its access facts), counts, page count, page rows
    with django_assert_max_num_queries(8):
        client.get(url)
