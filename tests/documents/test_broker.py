"""SECURITY S13: with the broker unreachable, an outcome with its documents commits and the
attorney sees success; page counting, text extraction and the staff notice wait in the
outbox and run once the broker is back, once."""

import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cgrs.models import OutboxMessage
from cgrs.tasks import relay_pending
from documents.models import Document
from outcomes.models import Outcome
from tests.broker import broker_down
from tests.cases.factories import CaseFactory
from tests.documents.factories import sample_pdf

pytestmark = pytest.mark.django_db


def test_an_upload_commits_while_redis_is_down_and_its_work_runs_when_it_is_back(
    settings, users, attorney_client, mailoutbox, django_capture_on_commit_callbacks
):
    case = CaseFactory(attorney=users["attorney"])
    with broker_down(settings):
        with django_capture_on_commit_callbacks(execute=True):
            response = attorney_client.post(
                reverse("outcomes:create", args=[case.number]),
                {
                    "submission_token": str(uuid.uuid4()),
                    "decided_on": "2026-02-10",
                    "adjudicator_level": "immigration_judge",
                    "decision": "granted_asylum",
                    "documents-TOTAL_FORMS": "1",
                    "documents-INITIAL_FORMS": "0",
                    "documents-0-file": SimpleUploadedFile("decision.pdf", sample_pdf()),
                    "documents-0-kind": "decision",
                    "documents-0-share_permission": "yes",
                },
                follow=True,
            )
        assert response.status_code == 200
        assert "1 document(s) uploaded" in response.content.decode()
        document = Document.objects.get()
        assert Outcome.objects.filter(case=case).exists()
        # Saved; the work waits in the outbox.
        assert document.page_count is None and document.text_status == "pending"
        waiting = OutboxMessage.objects.filter(sent_at__isnull=True)
        assert sorted(m.task_name for m in waiting) == [
            "documents.tasks.notify_staff_of_new_document",
            "documents.tasks.process_document",
        ]
        assert all(m.args == [document.pk] for m in waiting)
        assert mailoutbox == []
    # The broker is back (in-process).
    OutboxMessage.objects.update(
        created_at=OutboxMessage.objects.first().created_at.replace(year=2000)
    )
    assert relay_pending() == 2
    document.refresh_from_db()
    assert document.page_count == 2 and document.text_status == "extracted"
    assert len(mailoutbox) == 1
    assert relay_pending() == 0  # each sent once
