"""Query counts of the workbench and review pages stay the same at a few and at many pages,
proposals and boxes (no N+1)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from documents.models import DocumentState
from redaction.models import Proposal, Redaction, RedactionState, StaffBox
from tests.documents.factories import DocumentFactory
from tests.redaction.factories import published_redaction

pytestmark = pytest.mark.django_db


def _queries(client, url, **headers) -> int:
    client.get(url, **headers)  # the first request of a session records it; not measured
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **headers)
    assert response.status_code == 200
    return len(queries)


def _fill(redaction: Redaction, pages: int, per_page: int) -> None:
    redaction.page_count = pages
    redaction.page_sizes = [[612, 792]] * pages
    redaction.save()
    Proposal.objects.bulk_create(
        Proposal(
            redaction=redaction,
            page_index=page,
            x0=10 + i,
            y0=20 + 12 * i,
            x1=120 + i,
            y1=30 + 12 * i,
            kind="name",
            reason="Name entered",
            decision=("pending", "accepted", "rejected")[i % 3],
        )
        for page in range(pages)
        for i in range(per_page)
    )
    StaffBox.objects.bulk_create(
        StaffBox(redaction=redaction, page_index=page, x0=5, y0=5 + i, x1=50, y1=20 + i)
        for page in range(pages)
        for i in range(per_page)
    )


def test_workbench_costs_the_same_at_2_and_40_pages(client_for):
    client = client_for("staff")
    small = Redaction.objects.create(
        document=DocumentFactory(state=DocumentState.IN_REDACTION), state=RedactionState.REDACTING
    )
    large = Redaction.objects.create(
        document=DocumentFactory(state=DocumentState.IN_REDACTION), state=RedactionState.REDACTING
    )
    _fill(small, 2, 1)
    _fill(large, 40, 12)
    urls = [
        reverse("redaction:workbench", args=[r.document.public_id]) + "?page=2"
        for r in (small, large)
    ]
    assert _queries(client, urls[0]) == _queries(client, urls[1])
    body = client.get(urls[1]).content.decode()
    assert body.count("data-proposal-row=") == 12
    assert body.count('class="thumb"') == 40


def test_review_costs_the_same_at_2_and_40_pages(client_for):
    client = client_for("staff")
    small, large = published_redaction(), published_redaction()
    _fill(small, 2, 1)
    _fill(large, 40, 3)
    urls = [reverse("redaction:review", args=[r.document.public_id]) for r in (small, large)]
    assert _queries(client, urls[0]) == _queries(client, urls[1])


def test_status_region_is_a_few_queries(client_for):
    client = client_for("staff")
    redaction = Redaction.objects.create(
        document=DocumentFactory(state=DocumentState.IN_REDACTION), state=RedactionState.BUILDING
    )
    url = reverse("redaction:status", args=[redaction.document.public_id])
    assert _queries(client, url, HTTP_X_PARTIAL="status") <= 6
