"""SECURITY S13 for uploads, against a real Redis and a real Celery worker process.

The attorney reports an outcome with a shareable PDF while the broker is unreachable: the
outcome and the document commit and the attorney is told so. Page counting, text extraction
and the staff notice wait in the outbox; once Redis answers, the relay hands them over and a
real worker (a separate process on the same test database and files) runs each once.
"""

import uuid

import pytest
from celery import current_app
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cgrs.models import OutboxMessage
from cgrs.tasks import relay_pending
from documents.models import Document, DocumentText
from outcomes.models import Outcome
from tests.cases.factories import CaseFactory
from tests.cgrs.test_worker import (  # noqa: F401 (redis_url, worker: the project's fixtures)
    CLOSED_PORT,
    _use_broker,
    _wait_for,
    redis_url,
    worker,
)
from tests.documents.factories import sample_pdf

pytestmark = [pytest.mark.redis, pytest.mark.xdist_group("redis")]


def _processed(document_id: int) -> bool:
    return Document.objects.filter(
        pk=document_id,
        page_count__isnull=False,
        text_status="extracted",
        staff_notified_at__isnull=False,
    ).exists()


def test_an_upload_saved_while_redis_is_down_is_processed_once_by_a_real_worker(
    transactional_db,
    settings,
    users,
    attorney_client,
    redis_url,  # noqa: F811
    worker,  # noqa: F811
):
    case = CaseFactory(attorney=users["attorney"])
    settings.CELERY_TASK_ALWAYS_EAGER = False
    current_app.conf.task_always_eager = False
    _use_broker(CLOSED_PORT)
    try:
        response = attorney_client.post(
            reverse("outcomes:create", args=[case.number]),
            {
                "submission_token": str(uuid.uuid4()),
                "decided_on": "2026-02-10",
                "adjudicator_level": "immigration_judge",
                "decision": "granted_asylum",
                "documents-TOTAL_FORMS": "1",
                "documents-INITIAL_FORMS": "0",
                "documents-0-file": SimpleUploadedFile("IJ decision.pdf", sample_pdf()),
                "documents-0-kind": "decision",
                "documents-0-share_permission": "yes",
            },
            follow=True,
        )
        # Committed, and the attorney is told so, although the broker could not be reached.
        assert response.status_code == 200
        assert "1 document(s) uploaded" in response.content.decode()
        assert Outcome.objects.filter(case=case).count() == 1
        document = Document.objects.get(case=case)
        assert document.page_count is None and document.text_status == "pending"
        assert document.staff_notified_at is None
        waiting = OutboxMessage.objects.filter(sent_at__isnull=True)
        assert sorted(m.task_name for m in waiting) == [
            "documents.tasks.notify_staff_of_new_document",
            "documents.tasks.process_document",
        ]

        # Redis is back: the relay hands both over and the worker runs them.
        _use_broker(redis_url)
        waiting.update(created_at=waiting.first().created_at.replace(year=2000))
        assert relay_pending() == 2
        assert _wait_for(lambda: _processed(document.pk)), (
            worker.stderr.read1().decode() if worker.poll() is not None else "worker timed out"
        )
        document.refresh_from_db()
        assert document.page_count == 2
        assert "IN THE MATTER OF" in " ".join(DocumentText.objects.get(document=document).pages)
        assert relay_pending() == 0  # each handed over once
    finally:
        _use_broker("memory://")
        current_app.conf.task_always_eager = True
