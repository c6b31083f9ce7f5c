"""The demo documents: every state on the demo attorneys' cases, real generated files that
read like immigration-court documents, and a second load that adds nothing."""

import io

import pypdfium2
import pytest

import devtools.demo
import devtools.demo.documents
from documents.models import Document, DocumentState

pytestmark = pytest.mark.django_db


def _load_all():
    devtools.demo.load("taxonomy", "accounts", "cases", "outcomes", "documents")


def test_demo_documents_show_the_attorneys_side_of_the_flow(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _load_all()
    count = Document.objects.count()
    assert count == sum(len(items) for items in devtools.demo.documents.DEMO_DOCUMENTS.values())
    mine = Document.objects.filter(case__attorney__email="attorney@example.org")
    # Shared and withdrawn-after-sharing come only from the redaction workbench
    # (tests/redaction/test_demo.py): nothing here is marked shared without a redaction.
    assert set(mine.values_list("state", flat=True)) == {
        DocumentState.RECEIVED,
        DocumentState.IN_REDACTION,
        DocumentState.NOT_SUITABLE,
    }
    standings = {d.standing for d in mine}
    assert {"Received", "Being redacted", "Not suitable to share", "Kept private"} <= standings
    # Processed after commit like any upload: pages counted, text read.
    decision = mine.filter(file_format="pdf", kind="decision").first()
    assert decision.page_count >= 3 and decision.text_status == "extracted"
    with decision.file.open("rb") as handle:
        pdf = pypdfium2.PdfDocument(io.BytesIO(handle.read()))
    text = " ".join(page.get_textpage().get_text_range() for page in pdf)
    for expected in (
        "EXECUTIVE OFFICE FOR IMMIGRATION REVIEW",
        "IN THE MATTER OF",
        "ON BEHALF OF RESPONDENT",
        "Alex Rivera, Esq.",
    ):
        assert expected in text
    assert mine.filter(file_format="docx").exists()

    _load_all()
    assert Document.objects.count() == count  # idempotent
