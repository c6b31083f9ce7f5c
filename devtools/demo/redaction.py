"""Demo redactions (see `load_demo_data`): generated immigration-court decisions, some of
them scans (redaction.engine.samples), at every stage of the workflow, so `make run` shows it:
being redacted with proposals to decide, a check that failed, awaiting a second staff
member's review, approved, published in the TA Library (it comes to the Honduras demo case's
library and to search), and withdrawn by the attorney after publishing.

Everything goes through the services and the real engine, as staff would; the slow steps run
here, in-process. Idempotent: a case that already has these files gets nothing added.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.files.base import ContentFile

from accounts.models import User
from devtools.demo.cases import demo_case, demo_token
from documents import services as document_services
from documents.models import Document
from documents.samples import sample_parties
from redaction import services
from redaction.engine import samples
from redaction.models import Redaction

REDACTOR_EMAIL = "staff@example.org"
REVIEWER_EMAIL = "reviewer@example.org"


@dataclass(frozen=True)
class DemoRedaction:
    name: str
    case_key: str
    email: str
    # redacting | check_failed | awaiting_review | approved | published | withdrawn
    stage: str
    seed: int
    scanned: bool = False
    kind: str = "decision"


DEMO_REDACTIONS = [
    DemoRedaction("Scanned IJ decision - Guatemala City.pdf", "guatemala-dv",
                  "attorney@example.org", "redacting", seed=21, scanned=True),
    DemoRedaction("IJ decision - first redaction attempt.pdf", "guatemala-dv",
                  "attorney@example.org", "check_failed", seed=22),
    DemoRedaction("IJ decision - CAT deferral.pdf", "el-salvador-political",
                  "attorney@example.org", "awaiting_review", seed=23),
    DemoRedaction("BIA remand decision.pdf", "el-salvador-political",
                  "attorney@example.org", "approved", seed=24),
    DemoRedaction("Scanned IJ decision - asylum granted.pdf", "honduras-gangs",
                  "attorney@example.org", "published", seed=25, scanned=True),
    DemoRedaction("IJ decision - later withdrawn.pdf", "el-salvador-political",
                  "attorney@example.org", "withdrawn", seed=26),
]  # fmt: skip

SUMMARIES = {
    "decision": (
        "Sample decision: asylum granted on a gang-based claim",
        "An immigration judge grants asylum to a young woman threatened by a gang for refusing "
        "to work for it, finding a particular social group of family members and that the "
        "police were unable or unwilling to protect her. Redacted by CGRS.",
    ),
}


def _pdf(item: DemoRedaction) -> bytes:
    parties = sample_parties(item.seed)
    if item.scanned:
        return samples.scanned_decision_pdf(parties, pages=2, seed=item.seed)
    return samples.decision_pdf(parties, pages=2)


def _identifiers(item: DemoRedaction):
    parties = sample_parties(item.seed)
    rows = [("name", parties.respondent), ("a_number", parties.a_number)]
    rows += [("name", name) for name in parties.family]
    rows += [("dob", parties.date_of_birth), ("address", parties.address)]
    return services.clean_identifiers(rows)


def _advance(redaction: Redaction, item: DemoRedaction, redactor, reviewer, attorney) -> None:
    services.run_detection(redaction.pk)
    redaction.refresh_from_db()
    services.identifiers_set(redaction=redaction, actor=redactor, identifiers=_identifiers(item))
    services.run_detection(redaction.pk)
    redaction.refresh_from_db()
    if item.stage == "redacting":
        return
    proposals = list(redaction.proposals.values_list("pk", flat=True))
    if item.stage == "check_failed":
        services.proposals_decide(redaction=redaction, actor=redactor, rejected=proposals)
    else:
        services.proposals_decide(redaction=redaction, actor=redactor, accepted=proposals)
    services.redaction_build(redaction=redaction, actor=redactor)
    services.run_build(redaction.pk)
    services.run_check(redaction.pk)
    redaction.refresh_from_db()
    if item.stage in ("check_failed", "awaiting_review") or not redaction.check_passed:
        return
    services.redaction_approve(redaction=redaction, reviewer=reviewer)
    if item.stage == "approved":
        return
    title, summary = SUMMARIES["decision"]
    services.redaction_publish(redaction=redaction, actor=reviewer, title=title, summary=summary)
    if item.stage == "withdrawn":
        document = Document.objects.get(pk=redaction.document_id)
        document_services.document_delete(document=document, actor=attorney)


def load(log) -> None:
    """Idempotent: running it twice changes nothing."""
    redactor = User.objects.filter(email=REDACTOR_EMAIL).first()
    reviewer = User.objects.filter(email=REVIEWER_EMAIL).first()
    if redactor is None or reviewer is None:
        return
    added = 0
    for item in DEMO_REDACTIONS:
        case = demo_case(item.case_key, item.email)
        if case is None or Document.objects.filter(case=case, original_name=item.name).exists():
            continue
        data = _pdf(item)
        stored = document_services.document_upload(
            case=case,
            uploader=case.attorney,
            file=ContentFile(data, name=item.name),
            original_name=item.name,
            kind=item.kind,
            share_permission="yes",
            submission_token=demo_token(f"redaction-{item.name}"),
        )
        document = stored.document
        document_services.document_process(document.pk)
        document.refresh_from_db()
        redaction = services.redaction_start(document=document, actor=redactor)
        _advance(redaction, item, redactor, reviewer, case.attorney)
        added += 1
    log(f"redaction: {added} documents added, {Redaction.objects.count()} records")
