"""The redaction workflow end to end on real generated decisions, through the real engine:
detection, decisions, boxes, build, the gate, two-person review, publishing, serving and
withdrawal. Tasks run through the outbox (eagerly, after commit)."""

from __future__ import annotations

import hashlib
import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import Client
from django.urls import reverse

from audit.models import AuditEvent
from documents import samples
from documents import services as document_services
from documents.models import DocumentState
from redaction import crypto, services
from redaction.engine import text as engine_text
from redaction.models import ProposalDecision, Redaction, RedactionState
from ta_library.models import Resource
from taxonomy.models import Topic
from tests.cases.factories import CaseFactory, PersecutionTypeFactory
from tests.documents.factories import DocumentFactory
from tests.factories import AttorneyFactory, StaffFactory

PARTIES = samples.sample_parties(11)


@pytest.fixture
def run_tasks(django_capture_on_commit_callbacks):
    """Run what the outbox enqueued (and what those tasks enqueue in turn)."""

    def run():
        with django_capture_on_commit_callbacks(execute=True):
            pass

    return run


@pytest.fixture
def document(db):
    gang = PersecutionTypeFactory(slug="gang-violence", name="Gang violence")
    topic, _ = Topic.objects.get_or_create(
        slug="gang-based-claims", defaults={"name": "Gang-based claims"}
    )
    topic.implied_by_persecution.add(gang)
    case = CaseFactory(persecution_types=[gang], country_of_origin="HN")
    pdf = samples.decision_pdf(PARTIES, pages=2)
    return DocumentFactory(
        case=case,
        content=pdf,
        page_count=2,
    )


def _entered():
    return services.clean_identifiers(
        [("name", PARTIES.respondent), ("a_number", PARTIES.a_number)]
        + [("name", name) for name in PARTIES.family]
        + [("dob", PARTIES.date_of_birth), ("address", PARTIES.address)]
    )


def _redacted_and_checked(document, redactor, django_capture_on_commit_callbacks) -> Redaction:
    with django_capture_on_commit_callbacks(execute=True):
        redaction = services.redaction_start(document=document, actor=redactor)
    redaction.refresh_from_db()
    assert redaction.state == RedactionState.REDACTING
    assert redaction.proposals.exists()  # A-number, caption, date of birth need no input
    with django_capture_on_commit_callbacks(execute=True):
        services.identifiers_set(redaction=redaction, actor=redactor, identifiers=_entered())
    redaction.refresh_from_db()
    assert redaction.state == RedactionState.REDACTING
    ids = list(redaction.proposals.values_list("pk", flat=True))
    services.proposals_decide(redaction=redaction, actor=redactor, accepted=ids)
    services.box_add(
        redaction=redaction, actor=redactor, page_index=0, x0=400, y0=40, x1=560, y1=60
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.redaction_build(redaction=redaction, actor=redactor)
    redaction.refresh_from_db()
    return redaction


@pytest.mark.django_db
def test_redact_check_review_publish_serve_tamper_and_withdraw(
    document, django_capture_on_commit_callbacks
):
    redactor, reviewer = StaffFactory(), StaffFactory()
    redaction = _redacted_and_checked(document, redactor, django_capture_on_commit_callbacks)

    assert redaction.state == RedactionState.AWAITING_REVIEW, redaction.check_findings
    assert redaction.check_passed is True
    assert redaction.check_sha256 == redaction.derivative_sha256
    derivative = default_storage.open(redaction.derivative.name).read()
    assert hashlib.sha256(derivative).hexdigest() == redaction.derivative_sha256
    # The derivative is regenerated: none of the family's identifiers anywhere in it.
    searchable = engine_text.searchable_text(derivative)
    for value in PARTIES.identifiers:
        assert value.casefold() not in searchable.casefold()
        assert value.encode() not in derivative
    assert not re.search(r"201.?555", searchable)

    # Two people: the redactor cannot approve (service and database).
    with pytest.raises(services.RedactionRefused):
        services.redaction_approve(redaction=redaction, reviewer=redactor)
    services.redaction_approve(redaction=redaction, reviewer=reviewer)
    redaction.refresh_from_db()
    assert redaction.state == RedactionState.APPROVED

    with django_capture_on_commit_callbacks(execute=True):
        services.redaction_publish(
            redaction=redaction,
            actor=reviewer,
            title="Sample decision: asylum granted on a gang-based claim",
            summary="An immigration judge grants asylum to a woman targeted by a gang.",
        )
    redaction.refresh_from_db()
    document.refresh_from_db()
    resource = Resource.objects.get(pk=redaction.resource_id)
    assert redaction.state == RedactionState.PUBLISHED
    assert document.state == DocumentState.PUBLISHED and document.first_published_at
    # SECURITY: identifiers and page text are gone once published.
    assert bytes(redaction.identifiers_sealed) == b"" and bytes(redaction.pages_sealed) == b""
    assert resource.is_published and not resource.authored_by_cgrs
    assert resource.resource_type.slug == "sample-decision"
    assert resource.countries == []  # never the country
    assert {p.slug for p in resource.persecution_types.all()} == {"gang-violence"}
    assert {t.slug for t in resource.topics.all()} == {"gang-based-claims"}
    assert list(resource.procedural_stages.all()) == [document.case.procedural_stage]

    # Another attorney gets exactly the derivative's bytes.
    other = Client()
    other.force_login(AttorneyFactory())
    file_url = reverse("ta_library:resource_download", args=[resource.pk])
    response = other.get(file_url)
    assert response.status_code == 200
    assert hashlib.sha256(b"".join(response.streaming_content)).hexdigest() == (
        redaction.derivative_sha256
    )
    assert other.get(reverse("ta_library:resource_detail", args=[resource.pk])).status_code == 200

    # Tampered bytes (changed after the check) are refused when served.
    name = resource.file.name
    default_storage.delete(name)
    default_storage.save(name, ContentFile(derivative + b"\n% tampered\n"))
    assert other.get(file_url).status_code == 404
    default_storage.delete(name)
    default_storage.save(name, ContentFile(derivative))
    assert other.get(file_url).status_code == 200

    # The uploader withdraws: gone at once, from the page, the file and the library.
    document_services.document_delete(document=document, actor=document.uploaded_by)
    redaction.refresh_from_db()
    resource.refresh_from_db()
    assert redaction.state == RedactionState.WITHDRAWN
    assert not resource.is_published
    assert other.get(file_url).status_code == 404
    assert other.get(reverse("ta_library:resource_detail", args=[resource.pk])).status_code == 404

    # Every step audited, with the document's public id only.
    actions = set(
        AuditEvent.objects.filter(object_type="redaction").values_list("action", flat=True)
    )
    assert {"detect", "box", "build", "check", "approve", "publish", "withdraw"} <= actions
    assert set(
        AuditEvent.objects.filter(object_type="redaction").values_list("object_id", flat=True)
    ) == {document.public_id}


@pytest.mark.django_db
def test_identifiers_are_stored_encrypted_and_deleted_on_withdrawal(
    document, django_capture_on_commit_callbacks
):
    staff = StaffFactory()
    with django_capture_on_commit_callbacks(execute=True):
        redaction = services.redaction_start(document=document, actor=staff)
    with django_capture_on_commit_callbacks(execute=True):
        services.identifiers_set(redaction=redaction, actor=staff, identifiers=_entered())
    redaction.refresh_from_db()
    stored = bytes(redaction.identifiers_sealed) + bytes(redaction.pages_sealed)
    assert stored
    # The A-number whole, not a 3-digit piece: "201" turns up in a few KB of base64
    # ciphertext by chance (it failed about one run in ten).
    digits = "".join(filter(str.isdigit, PARTIES.a_number))
    for value in (PARTIES.respondent, PARTIES.a_number, digits, PARTIES.date_of_birth):
        assert value.encode() not in stored
    assert next(i.value for i in services.identifiers_of(redaction)) == PARTIES.respondent
    assert crypto.unseal(redaction.pages_sealed)  # page words kept for line/occurrence tools

    document_services.document_permission_change(
        document=document, actor=document.uploaded_by, share_permission="no"
    )
    redaction.refresh_from_db()
    assert redaction.state == RedactionState.WITHDRAWN
    assert bytes(redaction.identifiers_sealed) == b"" and bytes(redaction.pages_sealed) == b""


@pytest.mark.django_db
def test_whole_line_page_and_every_occurrence(document, django_capture_on_commit_callbacks):
    staff = StaffFactory()
    with django_capture_on_commit_callbacks(execute=True):
        redaction = services.redaction_start(document=document, actor=staff)
    redaction.refresh_from_db()
    surname = PARTIES.family[0].split()[-1]
    assert services.boxes_every_occurrence(redaction=redaction, actor=staff, term=surname) >= 2
    page = services.box_whole_page(redaction=redaction, actor=staff, page_index=1)
    width, height = redaction.page_size(1)
    assert (page.x0, page.y0) == (0, 0) and page.x1 >= width - 1 and page.y1 >= height - 1
    proposal = redaction.proposals.first()
    added = services.box_whole_line(
        redaction=redaction,
        actor=staff,
        page_index=proposal.page_index,
        x0=proposal.x0,
        y0=proposal.y0,
        x1=proposal.x1,
        y1=proposal.y1,
    )
    assert added >= 1
    with pytest.raises(services.ValidationError):
        services.box_whole_page(redaction=redaction, actor=staff, page_index=7)


@pytest.mark.django_db
def test_build_waits_for_every_proposal_and_a_failed_check_goes_back(
    document, django_capture_on_commit_callbacks
):
    staff = StaffFactory()
    with django_capture_on_commit_callbacks(execute=True):
        redaction = services.redaction_start(document=document, actor=staff)
    with django_capture_on_commit_callbacks(execute=True):
        services.identifiers_set(redaction=redaction, actor=staff, identifiers=_entered())
    redaction.refresh_from_db()
    with pytest.raises(services.RedactionRefused):
        services.redaction_build(redaction=redaction, actor=staff)
    # Reject everything: the check finds the identifiers left in the rebuilt pages.
    ids = list(redaction.proposals.values_list("pk", flat=True))
    services.proposals_decide(redaction=redaction, actor=staff, rejected=ids)
    assert not redaction.proposals.exclude(decision=ProposalDecision.REJECTED).exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.redaction_build(redaction=redaction, actor=staff)
    redaction.refresh_from_db()
    assert redaction.state == RedactionState.REDACTING
    assert redaction.check_passed is False
    assert any(f["code"] == "IDENTIFIER_IN_TEXT" for f in redaction.check_findings)
    assert all(set(f) == {"code", "page"} for f in redaction.check_findings)
    client = Client()
    client.force_login(staff)
    page = client.get(reverse("redaction:workbench", args=[document.public_id])).content.decode()
    assert "An identifier is still readable" in page
    assert 'data-finding="IDENTIFIER_IN_TEXT"' in page
