"""Uploading and managing documents through the pages: the outcome form with files, a
refused file that loses nothing, double submission, permission and deletion, the file
responses, the staff queue and decisions."""

import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from audit.models import AuditEvent
from documents import samples
from documents.models import Document, DocumentState, PendingUpload
from outcomes.models import Outcome
from tests.cases.factories import CaseFactory
from tests.documents.factories import DocumentFactory, sample_pdf

pytestmark = pytest.mark.django_db


def _outcome(**overrides):
    data = {
        "submission_token": str(uuid.uuid4()),
        "decided_on": "2026-02-10",
        "adjudicator_level": "immigration_judge",
        "decision": "granted_asylum",
        "documents-TOTAL_FORMS": "3",
        "documents-INITIAL_FORMS": "0",
        "documents-MIN_NUM_FORMS": "0",
        "documents-MAX_NUM_FORMS": "10",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def _file(name: str, data: bytes | None = None):
    return SimpleUploadedFile(name, data if data is not None else sample_pdf())


def _row(index: int, name: str, *, permission="yes", kind="decision", data=None):
    return {
        f"documents-{index}-file": _file(name, data),
        f"documents-{index}-kind": kind,
        f"documents-{index}-share_permission": permission,
    }


@pytest.fixture
def case(users):
    return CaseFactory(attorney=users["attorney"])


def _post_outcome(client, case, data):
    return client.post(reverse("outcomes:create", args=[case.number]), data)


def test_an_outcome_with_two_pdfs_stores_both_with_their_permissions(attorney_client, case):
    data = _outcome(**_row(0, "IJ decision.pdf"), **_row(1, "Our brief.pdf", permission="no"))
    response = _post_outcome(attorney_client, case, data)
    assert response.status_code == 302
    outcome = Outcome.objects.get(case=case)
    documents = {d.original_name: d for d in Document.objects.filter(case=case)}
    assert set(documents) == {"IJ decision.pdf", "Our brief.pdf"}
    assert documents["IJ decision.pdf"].share_permission == "yes"
    assert documents["Our brief.pdf"].share_permission == "no"
    assert all(d.outcome == outcome for d in documents.values())
    record = attorney_client.get(reverse("cases:detail", args=[case.number])).content.decode()
    assert "IJ decision.pdf" in record and "Our brief.pdf" in record
    assert "Kept private" in record and "Received" in record


def test_a_file_without_a_permission_answer_is_sent_back_with_everything_kept(
    attorney_client, case
):
    data = _outcome(notes="keep me", **_row(0, "decision.pdf", permission=""))
    response = _post_outcome(attorney_client, case, data)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Choose whether CGRS may share “decision.pdf”" in body
    assert "keep me" in body
    assert not Outcome.objects.exists() and not Document.objects.exists()


def test_a_refused_file_names_itself_and_keeps_the_other_files_and_answers(attorney_client, case):
    token = str(uuid.uuid4())
    data = _outcome(
        submission_token=token,
        notes="Hearing went well.",
        **_row(0, "IJ decision.pdf"),
        **_row(1, "looks-like.pdf", data=samples.html_named_pdf()),
        **_row(2, "locked.pdf", data=samples.encrypted_pdf(), permission="no"),
    )
    response = _post_outcome(attorney_client, case, data)
    body = response.content.decode()
    assert response.status_code == 200
    assert "“looks-like.pdf” was not accepted: This file is not a PDF" in body
    assert "“locked.pdf” was not accepted: This PDF is password-protected" in body
    assert "Hearing went well." in body
    assert not Outcome.objects.exists() and not Document.objects.exists()
    # The accepted file waits server-side for the same form; the page says so.
    pending = PendingUpload.objects.get()
    assert pending.original_name == "IJ decision.pdf"
    assert "Files already received with this form" in body
    # Sent again without choosing the file again: stored with the outcome.
    again = _post_outcome(attorney_client, case, _outcome(submission_token=token))
    assert again.status_code == 302
    document = Document.objects.get()
    assert document.original_name == "IJ decision.pdf"
    assert document.file.name == pending.file.name
    assert document.outcome == Outcome.objects.get()
    assert not PendingUpload.objects.exists()


def test_a_kept_file_can_be_removed_from_the_form(attorney_client, case):
    token = str(uuid.uuid4())
    _post_outcome(
        attorney_client,
        case,
        _outcome(submission_token=token, decision="", **_row(0, "decision.pdf")),
    )
    pending = PendingUpload.objects.get()
    response = _post_outcome(
        attorney_client, case, _outcome(submission_token=token, remove_pending=[pending.pk])
    )
    assert response.status_code == 302
    assert not Document.objects.exists() and not PendingUpload.objects.exists()


def test_the_same_form_submitted_twice_stores_each_file_once(attorney_client, case):
    token = str(uuid.uuid4())
    # Made once: a generated file's bytes carry the clock (creation dates), and a browser
    # sending the form again sends the very same bytes.
    pdf, docx = samples.decision_pdf(), samples.brief_docx()
    for _ in range(2):
        response = _post_outcome(
            attorney_client,
            case,
            _outcome(
                submission_token=token,
                **_row(0, "a.pdf", data=pdf),
                **_row(1, "b.docx", data=docx),
            ),
        )
        assert response.status_code == 302
    assert Outcome.objects.count() == 1
    assert Document.objects.count() == 2


def test_add_documents_from_the_case_record_with_an_outcome(attorney_client, case):
    from tests.outcomes.factories import OutcomeFactory

    outcome = OutcomeFactory(case=case)
    url = reverse("documents:add", args=[case.number])
    page = attorney_client.get(url).content.decode()
    assert page.count('type="file"') == 5
    data = {
        "upload_token": str(uuid.uuid4()),
        "documents-TOTAL_FORMS": "5",
        "documents-INITIAL_FORMS": "0",
        **_row(0, "motion.pdf", kind="motion"),
        "documents-0-outcome": str(outcome.pk),
    }
    assert attorney_client.post(url, data).status_code == 302
    document = Document.objects.get()
    assert document.kind == "motion" and document.outcome == outcome


def test_an_outcome_of_another_case_cannot_be_chosen(attorney_client, case):
    from tests.outcomes.factories import OutcomeFactory

    OutcomeFactory(case=case)
    foreign = OutcomeFactory()
    data = {
        "upload_token": str(uuid.uuid4()),
        "documents-TOTAL_FORMS": "5",
        "documents-INITIAL_FORMS": "0",
        **_row(0, "motion.pdf"),
        "documents-0-outcome": str(foreign.pk),
    }
    response = attorney_client.post(reverse("documents:add", args=[case.number]), data)
    assert response.status_code == 200
    assert not Document.objects.exists()


def test_downloads_are_attachments_with_safe_headers_and_no_original_name(attorney_client, case):
    document = DocumentFactory(case=case, original_name="Maria Lopez decision.pdf")
    response = attorney_client.get(reverse("documents:download", args=[document.public_id]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "Lopez" not in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "no-store"
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == sample_pdf()
    inline = attorney_client.get(reverse("documents:file", args=[document.public_id]))
    assert inline["Content-Disposition"].startswith("inline;")
    assert (
        AuditEvent.objects.filter(
            object_id=document.public_id, action="download", result="allowed"
        ).count()
        == 2
    )


def test_a_docx_is_never_inline(attorney_client, case):
    document = DocumentFactory(case=case, content=samples.brief_docx(), file_format="docx")
    assert (
        attorney_client.get(reverse("documents:file", args=[document.public_id])).status_code == 404
    )
    download = attorney_client.get(reverse("documents:download", args=[document.public_id]))
    assert download["Content-Type"].startswith("application/vnd.openxmlformats")


def test_a_flagged_pdf_is_only_a_download_and_the_page_says_why(
    attorney_client, staff_client, case
):
    document = DocumentFactory(case=case, content=samples.javascript_pdf(), has_javascript=True)
    for client in (attorney_client, staff_client):
        assert client.get(reverse("documents:file", args=[document.public_id])).status_code == 404
    page = attorney_client.get(reverse("documents:detail", args=[document.public_id]))
    assert "This PDF contains JavaScript" in page.content.decode()
    staff_page = staff_client.get(reverse("documents:staff_document", args=[document.public_id]))
    assert "Warning: this PDF contains JavaScript" in staff_page.content.decode()


def test_withdrawing_permission_on_the_page(attorney_client, case):
    document = DocumentFactory(case=case, state=DocumentState.IN_REDACTION)
    url = reverse("documents:permission", args=[document.public_id])
    page = attorney_client.get(url).content.decode()
    assert "under any circumstance" in page and "redaction protocol" in page
    response = attorney_client.post(url, {"share_permission": "no"}, follow=True)
    assert "Permission withdrawn" in response.content.decode()
    document.refresh_from_db()
    assert document.share_permission == "no" and document.state == DocumentState.RECEIVED
    assert AuditEvent.objects.filter(object_id=document.public_id, action="update").count() == 1


def test_the_delete_page_says_what_will_happen_before_confirming(attorney_client, case):
    fresh = DocumentFactory(case=case)
    published = DocumentFactory(case=case, state=DocumentState.PUBLISHED)
    page = attorney_client.get(reverse("documents:delete", args=[fresh.public_id]))
    assert "removes the file and its record" in page.content.decode()
    page = attorney_client.get(reverse("documents:delete", args=[published.public_id]))
    assert "CGRS keeps the original, marked withdrawn" in page.content.decode()
    attorney_client.post(reverse("documents:delete", args=[fresh.public_id]))
    attorney_client.post(reverse("documents:delete", args=[published.public_id]))
    assert not Document.objects.filter(pk=fresh.pk).exists()
    assert Document.objects.get(pk=published.pk).state == DocumentState.WITHDRAWN
    record = attorney_client.get(reverse("cases:detail", args=[case.number])).content.decode()
    assert published.public_id not in record
    assert (
        attorney_client.get(reverse("documents:download", args=[published.public_id])).status_code
        == 404
    )


def test_staff_queue_puts_shareable_documents_waiting_for_redaction_first(staff_client):
    import datetime

    from django.utils import timezone

    old_private = DocumentFactory(share_permission="no")
    waiting_new = DocumentFactory()
    waiting_old = DocumentFactory()
    in_redaction = DocumentFactory(state=DocumentState.IN_REDACTION)
    long_ago = timezone.now() - datetime.timedelta(days=40)
    Document.objects.filter(pk__in=[old_private.pk, waiting_old.pk]).update(created_at=long_ago)
    response = staff_client.get(reverse("documents:staff_queue"))
    body = response.content.decode()
    order = [body.index(d.public_id) for d in (waiting_old, waiting_new, old_private)]
    assert order == sorted(order)
    assert body.index(waiting_new.public_id) < body.index(in_redaction.public_id)
    counts = response.context["counts"]
    assert counts["received"] == 3 and counts["in_redaction"] == 1 and counts["waiting"] == 2
    assert counts["kept_private"] == 1
    older = staff_client.get(reverse("documents:staff_queue"), {"age": "older"}).content.decode()
    assert waiting_old.public_id in older and waiting_new.public_id not in older
    mine = staff_client.get(
        reverse("documents:staff_queue"), {"share_permission": "no", "country": "GT"}
    ).content.decode()
    assert old_private.public_id in mine and waiting_old.public_id not in mine


def test_staff_mark_not_suitable_and_the_attorney_sees_the_reason(
    staff_client, attorney_client, case
):
    document = DocumentFactory(case=case)
    url = reverse("documents:staff_not_suitable", args=[document.public_id])
    assert staff_client.post(url, {"reason": ""}).status_code == 400
    staff_client.post(url, {"reason": "Only the cover page was uploaded."})
    record = attorney_client.get(reverse("cases:detail", args=[case.number])).content.decode()
    assert "Not suitable to share" in record
    assert "Only the cover page was uploaded." in record


def test_staff_hand_a_shareable_document_to_redaction(staff_client):
    document = DocumentFactory()
    staff_client.post(reverse("documents:staff_send_to_redaction", args=[document.public_id]))
    assert Document.objects.get(pk=document.pk).state == DocumentState.IN_REDACTION
    private = DocumentFactory(share_permission="no")
    response = staff_client.post(
        reverse("documents:staff_send_to_redaction", args=[private.public_id]), follow=True
    )
    assert "has not allowed CGRS to share" in response.content.decode()
    assert Document.objects.get(pk=private.pk).state == DocumentState.RECEIVED


def test_every_open_and_refusal_is_audited_once(attorney_client, client_for, case):
    document = DocumentFactory(case=case)
    attorney_client.get(reverse("documents:detail", args=[document.public_id]))
    other = client_for("attorney")
    from tests.factories import AttorneyFactory

    other.force_login(AttorneyFactory())
    other.get(reverse("documents:download", args=[document.public_id]))
    rows = AuditEvent.objects.filter(object_type="document", object_id=document.public_id)
    assert [(r.action, r.result) for r in rows.order_by("id")] == [
        ("read", "allowed"),
        ("download", "denied"),
    ]


def test_the_home_page_and_faq_describe_the_document_features_that_exist(client):
    home = client.get(reverse("home")).content.decode()
    faq = client.get(reverse("faq")).content.decode()
    assert "later from the case record" in home
    assert "withdrawing permission takes effect at once" in home
    assert "“Add documents” on the case record" in faq
    assert "25 MB and 300 pages" in faq
    assert "CGRS keeps the original, marked withdrawn" in faq
    assert "coming soon" not in home + faq


def test_the_document_pages_speak_spanish(attorney_client, case, settings):
    DocumentFactory(case=case, share_permission="no")
    attorney_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    record = attorney_client.get(reverse("cases:detail", args=[case.number])).content.decode()
    assert "¿Puede CGRS compartirlo?" in record and "Privado" in record
    form = attorney_client.get(reverse("outcomes:create", args=[case.number])).content.decode()
    assert "No: CGRS no lo compartirá con nadie fuera de la organización" in form
