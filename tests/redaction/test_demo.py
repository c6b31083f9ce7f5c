"""The demo redactions: every stage of the workflow reached through the real engine, and no
document shown as shared without the redaction that published it (the state an attorney
reads on the case record must agree with what staff and the library show)."""

import pytest

import devtools.demo
from documents.models import Document, DocumentState
from documents.selectors import case_documents
from redaction.models import Redaction, RedactionState

pytestmark = pytest.mark.django_db


def _load_all():
    devtools.demo.load("taxonomy", "accounts", "cases", "outcomes", "documents", "redaction")


def test_demo_redactions_reach_every_stage_and_agree_with_the_documents(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        _load_all()

    states = set(Redaction.objects.values_list("state", flat=True))
    assert {
        RedactionState.REDACTING,
        RedactionState.AWAITING_REVIEW,
        RedactionState.APPROVED,
        RedactionState.PUBLISHED,
        RedactionState.WITHDRAWN,
    } <= states
    assert Redaction.objects.filter(check_passed=False).exists()  # the failed check

    # Every document that was ever shared has the redaction that published it, with its
    # library resource while it is shared.
    ever_shared = Document.objects.filter(first_published_at__isnull=False)
    assert ever_shared.exists()
    for document in ever_shared:
        redaction = Redaction.objects.get(document=document)
        assert redaction.published_at is not None
        if document.state == DocumentState.PUBLISHED:
            assert redaction.state == RedactionState.PUBLISHED
            assert redaction.resource is not None and redaction.resource.is_published
    assert not Document.objects.filter(
        state__in=[DocumentState.PUBLISHED, DocumentState.WITHDRAWN],
        first_published_at__isnull=True,
    ).exists()

    # The main demo attorney's case records show every standing a document can have.
    mine = Document.objects.filter(case__attorney__email="attorney@example.org")
    assert set(mine.values_list("state", flat=True)) == set(DocumentState.values)
    assert {
        "Received",
        "Being redacted",
        "Shared as a redacted sample",
        "Not suitable to share",
        "Kept private",
        "Withdrawn",
    } <= {d.standing for d in mine}
    withdrawn = mine.get(state=DocumentState.WITHDRAWN)
    assert withdrawn.share_permission == "no" and withdrawn.file
    assert withdrawn not in case_documents()

    count = Redaction.objects.count()
    _load_all()
    assert Redaction.objects.count() == count  # idempotent
