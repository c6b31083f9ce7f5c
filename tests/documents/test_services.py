"""Document services: one audited, atomic write each; files never left behind."""

import uuid
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from audit.models import AuditEvent
from cgrs.models import OutboxMessage
from documents import rules, samples, services
from documents.files import FileRefused, check_bytes
from documents.models import Document, DocumentState, DocumentText, PendingUpload
from tests.cases.factories import CaseFactory
from tests.documents.factories import DocumentFactory, sample_pdf
from tests.outcomes.factories import OutcomeFactory

pytestmark = pytest.mark.django_db


def _upload(case, *, permission="yes", data=None, token=None, **extra):
    return services.document_upload(
        case=case,
        uploader=case.attorney,
        file=SimpleUploadedFile("Decision of J. Doe.pdf", data or sample_pdf()),
        original_name="Decision of J. Doe.pdf",
        kind="decision",
        share_permission=permission,
        submission_token=token,
        **extra,
    )


def _audit_rows(document, action=None):
    rows = AuditEvent.objects.filter(object_type="document", object_id=document.public_id)
    return rows.filter(action=action) if action else rows


def test_upload_stores_the_file_under_a_random_name_and_audits_once(
    django_capture_on_commit_callbacks,
):
    case = CaseFactory()
    with django_capture_on_commit_callbacks(execute=True):
        document = _upload(case).document
    document.refresh_from_db()
    assert document.file.name.startswith("documents/")
    assert "Doe" not in document.file.name and document.file.name.endswith(".pdf")
    assert document.original_name == "Decision of J. Doe.pdf"
    assert document.state == DocumentState.RECEIVED
    assert len(document.public_id) >= 22
    with document.file.open("rb") as handle:
        assert handle.read() == sample_pdf()
    assert _audit_rows(document, "create").count() == 1
    # The processing task ran after commit: pages counted, text read.
    assert document.page_count == 2
    assert document.text_status == "extracted"
    assert "IN THE MATTER OF" in DocumentText.objects.get(document=document).pages[0]


def test_the_share_permission_has_no_default():
    case = CaseFactory()
    with pytest.raises(ValidationError):
        _upload(case, permission="")
    assert not Document.objects.exists()


def test_a_refused_file_stores_nothing():
    case = CaseFactory()
    with pytest.raises(FileRefused):
        _upload(case, data=samples.html_named_pdf())
    assert not Document.objects.exists()


def test_tasks_and_emails_carry_ids_and_no_names(mailoutbox, django_capture_on_commit_callbacks):
    case = CaseFactory()
    with django_capture_on_commit_callbacks(execute=True):
        document = _upload(case).document
    for message in OutboxMessage.objects.all():
        assert message.args == [document.pk]
    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.subject.endswith("A new document is waiting")
    for secret in ("Doe", str(case.number), document.public_id, "Decision"):
        assert secret not in email.body and secret not in email.subject


def test_a_document_kept_private_does_not_notify_staff(
    mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _upload(CaseFactory(), permission="no")
    assert mailoutbox == []


def test_the_same_form_stores_each_file_once():
    case = CaseFactory()
    token = uuid.uuid4()
    first = _upload(case, token=token)
    second = _upload(case, token=token)
    assert first.created and not second.created
    assert second.document.pk == first.document.pk
    assert Document.objects.count() == 1


def test_a_rolled_back_upload_leaves_no_file(transactional_db):
    case = CaseFactory()
    before = (
        set(default_storage.listdir("documents")[1])
        if default_storage.exists("documents")
        else set()
    )
    # The second file's answers are refused after the first file was written to storage.
    with pytest.raises(ValidationError):
        services.documents_add(
            case=case,
            uploader=case.attorney,
            uploads=[
                services.UploadInput(
                    upload=SimpleUploadedFile("a.pdf", sample_pdf()),
                    checked=check_bytes(sample_pdf()),
                    original_name="a.pdf",
                    kind="decision",
                    share_permission="yes",
                ),
                services.UploadInput(
                    upload=SimpleUploadedFile("b.pdf", sample_pdf()),
                    checked=check_bytes(sample_pdf()),
                    original_name="b.pdf",
                    kind="kind that does not exist",
                    share_permission="yes",
                ),
            ],
        )
    assert not Document.objects.exists()
    after = set(default_storage.listdir("documents")[1])
    assert after == before


def test_outcome_and_documents_commit_together_or_not_at_all(transactional_db):
    case = CaseFactory()
    good = services.UploadInput(
        upload=SimpleUploadedFile("a.pdf", sample_pdf()),
        checked=check_bytes(sample_pdf()),
        original_name="a.pdf",
        kind="decision",
        share_permission="yes",
    )
    answers = {
        "decided_on": timezone.localdate(),
        "adjudicator_level": "immigration_judge",
        "decision": "denied",
        "submission_token": uuid.uuid4(),
    }
    with pytest.raises(ValidationError):
        services.outcome_report_with_documents(
            case=case,
            reporter=case.attorney,
            answers=answers,
            uploads=[good, services.UploadInput(**{**good.__dict__, "share_permission": "maybe"})],
        )
    assert not case.outcomes.exists() and not Document.objects.exists()
    reported, stored = services.outcome_report_with_documents(
        case=case, reporter=case.attorney, answers=answers, uploads=[good]
    )
    assert [result.document.outcome for result in stored] == [reported.outcome]


def test_an_outcome_of_another_case_is_refused():
    case = CaseFactory()
    with pytest.raises(ValidationError):
        _upload(case, outcome=OutcomeFactory())


def test_withdrawing_permission_takes_the_document_out_of_sharing_at_once():
    document = DocumentFactory(state=DocumentState.IN_REDACTION)
    assert rules.may_share(document)
    changed = services.document_permission_change(
        document=document, actor=document.uploaded_by, share_permission="no"
    )
    fresh = Document.objects.get(pk=document.pk)
    assert not rules.may_share(fresh) and not rules.may_share(changed)
    assert fresh.state == DocumentState.RECEIVED
    assert fresh.standing == "Kept private"
    assert not Document.objects.filter(rules.SHAREABLE, pk=document.pk).exists()
    assert _audit_rows(document, "update").count() == 1


def test_granting_permission_later_puts_it_in_the_queue_and_tells_staff(
    mailoutbox, django_capture_on_commit_callbacks
):
    document = DocumentFactory(share_permission="no")
    with django_capture_on_commit_callbacks(execute=True):
        services.document_permission_change(
            document=document, actor=document.uploaded_by, share_permission="yes"
        )
    assert rules.needs_redaction(Document.objects.get(pk=document.pk))
    assert len(mailoutbox) == 1


def test_deleting_before_anything_was_published_removes_row_and_file(
    django_capture_on_commit_callbacks,
):
    document = DocumentFactory()
    name = document.file.name
    with django_capture_on_commit_callbacks(execute=True):
        assert services.document_delete(document=document, actor=document.uploaded_by) == (
            "deleted"
        )
    assert not Document.objects.filter(pk=document.pk).exists()
    assert not default_storage.exists(name)
    assert AuditEvent.objects.filter(object_id=document.public_id, action="delete").count() == 1


def test_deleting_after_publishing_withdraws_and_hides_but_staff_keep_the_original():
    document = DocumentFactory(state=DocumentState.PUBLISHED, first_published_at=timezone.now())
    assert services.document_delete(document=document, actor=document.uploaded_by) == "withdrawn"
    fresh = Document.objects.get(pk=document.pk)
    assert fresh.state == DocumentState.WITHDRAWN and fresh.share_permission == "no"
    assert default_storage.exists(fresh.file.name)
    assert not Document.objects.for_user(document.uploaded_by).filter(pk=document.pk).exists()
    with pytest.raises(services.DocumentActionRefused):
        services.document_permission_change(
            document=fresh, actor=document.uploaded_by, share_permission="yes"
        )


def test_staff_mark_not_suitable_with_a_reason_or_send_to_redaction(users):
    staff = users["staff"]
    document = DocumentFactory()
    with pytest.raises(ValidationError):
        services.document_mark_not_suitable(document=document, actor=staff, reason="  ")
    marked = services.document_mark_not_suitable(
        document=document, actor=staff, reason="Mostly illegible scan."
    )
    assert marked.state == DocumentState.NOT_SUITABLE and not rules.may_share(marked)
    sent = services.document_send_to_redaction(document=marked, actor=staff)
    assert sent.state == DocumentState.IN_REDACTION and sent.not_suitable_reason == ""
    private = DocumentFactory(share_permission="no")
    with pytest.raises(services.DocumentActionRefused):
        services.document_send_to_redaction(document=private, actor=staff)
    assert _audit_rows(document, "update").count() == 2


def test_the_sweep_removes_orphaned_files_and_stale_pending_uploads():
    orphan = default_storage.save("documents/orphan.pdf", ContentFile(b"%PDF-1.7 orphan"))
    fresh_orphan = default_storage.save("documents/fresh.pdf", ContentFile(b"%PDF-1.7 new"))
    kept = DocumentFactory()
    case = CaseFactory()
    pending = PendingUpload.objects.create(
        token=uuid.uuid4(),
        uploader=case.attorney,
        case=case,
        kind="decision",
        share_permission="yes",
        file=ContentFile(sample_pdf(), name="x.pdf"),
        original_name="x.pdf",
        file_format="pdf",
        size_bytes=1,
        sha256="0" * 64,
    )
    PendingUpload.objects.filter(pk=pending.pk).update(
        created_at=timezone.now() - timedelta(days=2)
    )
    later = timezone.now() + timedelta(hours=2)
    import os

    os.utime(default_storage.path(fresh_orphan), (later.timestamp(),) * 2)
    result = services.sweep_orphaned_files(now=later)
    # (Other tests' files, left by their rolled-back transactions, are orphans too.)
    assert result["pending"] == 1 and result["orphans"] >= 1
    assert not default_storage.exists(orphan)
    assert default_storage.exists(fresh_orphan)  # written moments ago: maybe not committed yet
    assert default_storage.exists(kept.file.name)
    assert not PendingUpload.objects.exists()
    default_storage.delete(fresh_orphan)
