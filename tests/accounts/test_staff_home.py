"""The staff home lists every staff queue with how many items wait, in one query per queue."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import FollowUpStatus, ProSeFollowUp
from cgrs.navigation import _all_queues
from documents.models import DocumentState
from tests.documents.factories import DocumentFactory
from tests.factories import ProSeFactory


def _counts(page: str) -> dict[str, str]:
    cards = re.findall(
        r'<h2 class="card-title"><a href="([^"]+)">.*?<strong>(\d+) waiting', page, re.S
    )
    return dict(cards)


def test_each_queue_shows_how_many_wait(staff_client, db):
    for _ in range(2):
        ProSeFollowUp.objects.create(user=ProSeFactory(), status=FollowUpStatus.NEW)
    ProSeFollowUp.objects.create(user=ProSeFactory(), status=FollowUpStatus.CLOSED)
    page = staff_client.get(reverse("staff_home")).content.decode()
    counts = _counts(page)
    assert counts[reverse("accounts:staff_follow_ups")] == "2"
    assert counts[reverse("documents:staff_queue")] == "0"
    assert counts[reverse("experts:staff_queue")] == "0"
    assert len(counts) == len(_all_queues())
    assert reverse("admin:index") in page


def test_the_header_links_staff_to_their_home(staff_client, db):
    page = staff_client.get(reverse("home")).content.decode()
    assert f'href="{reverse("staff_home")}"' in page


def test_one_query_per_queue(staff_client, db):
    staff_client.get(reverse("staff_home"))  # session and user loaded once
    with CaptureQueriesContext(connection) as queries:
        assert staff_client.get(reverse("staff_home")).status_code == 200
    queue_queries = [q for q in queries.captured_queries if "COUNT(" in q["sql"]]
    assert len(queue_queries) == len(_all_queues())
    assert len(queries) <= len(_all_queues()) + 3


def test_the_redaction_queue_counts_documents_being_redacted_and_links_to_them(staff_client, db):
    DocumentFactory()  # received: in the Documents queue, not yet in redaction
    DocumentFactory.create_batch(3, state=DocumentState.IN_REDACTION)
    DocumentFactory(state=DocumentState.PUBLISHED)
    page = staff_client.get(reverse("staff_home")).content.decode()
    counts = _counts(page)
    redaction = f"{reverse('documents:staff_queue')}?state=in_redaction"
    assert counts[redaction] == "3"
    assert counts[reverse("documents:staff_queue")] == "1"
    assert ">Redaction</a>" in page
    listed = staff_client.get(redaction)
    assert listed.status_code == 200
    assert len(listed.context["page_obj"].object_list) == 3


def test_the_admin_links_staff_to_their_home(staff_client, db):
    page = staff_client.get(reverse("admin:index")).content.decode()
    assert f'<a href="{reverse("staff_home")}">Staff home</a>' in page
