"""Every write of the redaction workflow: open, identifiers, detection, decisions on
proposals, boxes, build, check, review, publish, withdraw.

The slow steps (detection with OCR, building the derivative, the gate) run in Celery tasks
enqueued through the outbox after commit, with the record's id only (redaction.tasks); they
report progress by updating the record in place. Every step writes one audit row naming the
document's public id: who and when, never an identifier, a term or a finding's detail
(SECURITY S11, S12). The PDF work itself is the engine's (redaction/engine, pure functions).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.models import AuditAction
from audit.services import audit_record
from cgrs.tasks import enqueue
from documents import rules as document_rules
from documents.models import Document, DocumentKind, DocumentState
from redaction import crypto, rules
from redaction.models import (
    BoxSource,
    Proposal,
    ProposalDecision,
    Redaction,
    RedactionState,
    StaffBox,
)

logger = logging.getLogger(__name__)

OBJECT_TYPE = "redaction"
IDENTIFIER_KINDS = ("name", "a_number", "dob", "address", "phone", "email", "other")
MAX_IDENTIFIERS = 60
MAX_IDENTIFIER_LENGTH = 200
MAX_TERM_LENGTH = 200
MAX_SUMMARY_LENGTH = 4000
# The smallest box staff may add, in points (a click without a drag draws nothing).
MIN_BOX_SIDE = 2.0
# Resource types a published sample gets, by the document's kind (created when missing).
SAMPLE_TYPES = {
    DocumentKind.DECISION: ("sample-decision", "Sample decision"),
    DocumentKind.BRIEF: ("sample-brief", "Sample brief"),
    DocumentKind.MOTION: ("sample-motion", "Sample motion"),
}
DEFAULT_SAMPLE_TYPE = ("sample-brief", "Sample brief")


class RedactionRefused(Exception):
    """The step is not possible in the record's current state; the message says why."""


@dataclass(frozen=True)
class EnteredIdentifier:
    kind: str
    value: str


# --- Audit, locking, reading -----------------------------------------------------------------


def _audit(actor, redaction: Redaction, action: str) -> None:
    audit_record(
        actor=actor,
        object_type=OBJECT_TYPE,
        object_id=redaction.document.public_id,
        action=action,
        allowed=True,
    )


def _locked(redaction: Redaction) -> Redaction:
    return (
        Redaction.objects.select_for_update(of=("self",))
        .select_related("document")
        .get(pk=redaction.pk)
    )


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise RedactionRefused(message)


def _read_original(document: Document) -> bytes:
    with document.file.open("rb") as handle:
        return handle.read()


def _read_derivative(redaction: Redaction) -> bytes:
    with default_storage.open(redaction.derivative.name, "rb") as handle:
        return handle.read()


def identifiers_of(redaction: Redaction) -> list[EnteredIdentifier]:
    """The identifiers staff entered, decrypted (in memory only)."""
    return [
        EnteredIdentifier(kind=row[0], value=row[1])
        for row in crypto.unseal(redaction.identifiers_sealed, default=[])
    ]


def _engine_identifiers(redaction: Redaction):
    from redaction.engine.types import Identifier

    return [Identifier(kind=i.kind, value=i.value) for i in identifiers_of(redaction)]


def page_texts_of(redaction: Redaction):
    """The page text with word positions kept by the detection (decrypted, in memory)."""
    from redaction.engine.types import PageText, Word

    pages = []
    for row in crypto.unseal(redaction.pages_sealed, default=[]):
        words = tuple(Word(w[0], w[1], w[2], w[3], w[4]) for w in row["words"])
        pages.append(PageText(row["index"], row["width"], row["height"], words, row["source"]))
    return pages


def _seal_pages(pages) -> bytes:
    return crypto.seal(
        [
            {
                "index": page.page_index,
                "width": page.width,
                "height": page.height,
                "source": page.source,
                "words": [[w.text, w.x0, w.y0, w.x1, w.y1] for w in page.words],
            }
            for page in pages
        ]
    )


def _progress(redaction_id: int) -> Callable[[str, int, int], None]:
    """A callback that writes progress to the record at once (outside any transaction, so the
    status partial sees it while the task runs)."""

    def report(label: str, done: int, total: int) -> None:
        Redaction.objects.filter(pk=redaction_id).update(
            progress_label=label[:120], progress_done=done, progress_total=total
        )

    return report


def _forget_private_data(redaction: Redaction) -> None:
    """SECURITY: identifiers and page text are kept only while someone is redacting."""
    redaction.identifiers_sealed = b""
    redaction.pages_sealed = b""


# --- Opening, identifiers, detection ---------------------------------------------------------


def redaction_start(*, document: Document, actor) -> Redaction:
    """Open the workbench on a shareable document: hands it to redaction if it was only
    received, creates (or, after a withdrawal, resets) its private record and runs the first
    detection (A-numbers, captions, dates of birth... need no entered identifier)."""
    from documents.services import DocumentActionRefused, document_send_to_redaction

    with transaction.atomic():
        locked = Document.objects.select_for_update().get(pk=document.pk)
        _require(
            document_rules.may_share(locked),
            _("The attorney has not allowed CGRS to share this document."),
        )
        _require(locked.is_pdf, _("Only PDF documents can be redacted here."))
        if locked.state == DocumentState.RECEIVED:
            try:
                locked = document_send_to_redaction(document=locked, actor=actor)
            except DocumentActionRefused as refusal:
                raise RedactionRefused(str(refusal)) from refusal
        redaction, created = Redaction.objects.select_for_update().get_or_create(document=locked)
        if not created and redaction.state != RedactionState.WITHDRAWN:
            return redaction
        if not created:
            _reset(redaction)
        redaction.document = locked
        redaction.page_count = locked.page_count
        _begin_detection(redaction, actor)
    return redaction


def _reset(redaction: Redaction) -> None:
    """Start again after a withdrawal: nothing of the earlier round is kept."""
    redaction.proposals.all().delete()
    redaction.boxes.all().delete()
    _drop_derivative(redaction)
    if redaction.resource_id is not None:
        from ta_library.services import resources_delete

        resources_delete(resources=[redaction.resource])
        redaction.resource = None
    redaction.reviewer = None
    redaction.redactor = None
    redaction.approved_at = None
    redaction.published_at = None
    redaction.withdrawn_at = None
    redaction.summary = ""
    redaction.title = ""


def _drop_derivative(redaction: Redaction) -> None:
    if redaction.derivative:
        name = redaction.derivative.name
        transaction.on_commit(lambda: default_storage.delete(name))
    redaction.derivative = ""
    redaction.derivative_sha256 = ""
    redaction.built_at = None
    redaction.check_passed = None
    redaction.check_sha256 = ""
    redaction.check_findings = []
    redaction.checked_at = None


def _begin_detection(redaction: Redaction, actor) -> None:
    redaction.state = RedactionState.DETECTING
    redaction.progress_label = _("Waiting to start")
    redaction.progress_done = 0
    redaction.progress_total = 0
    redaction.task_error = ""
    redaction.save()
    _audit(actor, redaction, AuditAction.DETECT)
    enqueue("redaction.tasks.detect", redaction.pk)


def clean_identifiers(rows: Iterable[tuple[str, str]]) -> list[EnteredIdentifier]:
    """Trimmed, de-duplicated identifiers of known kinds; empty values dropped."""
    seen = set()
    cleaned = []
    for kind, value in rows:
        value = " ".join((value or "").split())
        if not value:
            continue
        if kind not in IDENTIFIER_KINDS:
            raise ValidationError(_("Choose what kind of identifier each one is."))
        if len(value) > MAX_IDENTIFIER_LENGTH:
            raise ValidationError(
                _("Keep each identifier under %(max)s characters.") % {"max": MAX_IDENTIFIER_LENGTH}
            )
        if (kind, value.casefold()) in seen:
            continue
        seen.add((kind, value.casefold()))
        cleaned.append(EnteredIdentifier(kind, value))
    if len(cleaned) > MAX_IDENTIFIERS:
        raise ValidationError(_("Enter at most %(max)s identifiers.") % {"max": MAX_IDENTIFIERS})
    return cleaned


def identifiers_set(
    *, redaction: Redaction, actor, identifiers: Sequence[EnteredIdentifier]
) -> Redaction:
    """Staff enter the document's identifiers (names, A-numbers, dates of birth, addresses,
    phone numbers); they are stored encrypted and detection runs again with them."""
    with transaction.atomic():
        locked = _locked(redaction)
        _require(rules.may_edit(locked), _("The identifiers can change only while redacting."))
        locked.identifiers_sealed = crypto.seal([[i.kind, i.value] for i in identifiers])
        locked.save(update_fields=["identifiers_sealed", "updated_at"])
        _begin_detection(locked, actor)
    return locked


def redaction_detect(*, redaction: Redaction, actor) -> Redaction:
    """Run the assisted detection again (decisions on unchanged proposals are kept)."""
    with transaction.atomic():
        locked = _locked(redaction)
        _require(rules.may_edit(locked), _("Detection can run only while redacting."))
        _begin_detection(locked, actor)
    return locked


def run_detection(redaction_id: int) -> str | None:
    """The detection task's work: page text (text layer, else OCR) with progress, then the
    engine's proposals; staff's earlier decisions on the same boxes are kept. Idempotent."""
    from redaction.engine import detect, text

    redaction = Redaction.objects.select_related("document").filter(pk=redaction_id).first()
    if redaction is None or redaction.state != RedactionState.DETECTING:
        return None
    report = _progress(redaction_id)
    try:
        pdf = _read_original(redaction.document)
        report(_("Reading the pages"), 0, 0)
        pages = text.page_texts(
            pdf,
            ocr=True,
            progress=lambda done, total: report(
                _("OCR: page %(done)s of %(total)s") % {"done": done, "total": total},
                done,
                total,
            ),
        )
        found = detect.propose(pages, _engine_identifiers(redaction))
    except Exception:  # the engine refuses a broken file: say so, keep the record usable
        logger.warning("detection failed for redaction %s", redaction_id, exc_info=False)
        Redaction.objects.filter(pk=redaction_id, state=RedactionState.DETECTING).update(
            state=RedactionState.REDACTING,
            task_error=_("The pages could not be read; boxes can still be drawn by hand."),
            progress_label="",
        )
        return "failed"
    with transaction.atomic():
        locked = Redaction.objects.select_for_update().filter(pk=redaction_id).first()
        if locked is None or locked.state != RedactionState.DETECTING:
            return None
        _store_proposals(locked, found)
        locked.pages_sealed = _seal_pages(pages)
        locked.page_count = len(pages)
        locked.page_sizes = [[page.width, page.height] for page in pages]
        locked.state = RedactionState.REDACTING
        locked.progress_label = _("Done: %(count)s proposals") % {"count": len(found)}
        locked.progress_done = locked.progress_total = len(pages)
        locked.save()
    return "done"


def _box_key(page_index: int, x0: float, y0: float, x1: float, y1: float) -> tuple:
    return (page_index, round(x0), round(y0), round(x1), round(y1))


def _store_proposals(redaction: Redaction, found) -> None:
    earlier = {
        _box_key(p.page_index, p.x0, p.y0, p.x1, p.y1): (p.decision, p.decided_by_id)
        for p in redaction.proposals.all()
    }
    redaction.proposals.all().delete()
    rows = []
    seen = set()
    for proposal in found:
        box = proposal.box
        if box.x1 <= box.x0 or box.y1 <= box.y0:
            continue
        key = _box_key(box.page_index, box.x0, box.y0, box.x1, box.y1)
        if key in seen:
            continue
        seen.add(key)
        decision, decided_by = earlier.get(key, (ProposalDecision.PENDING, None))
        rows.append(
            Proposal(
                redaction=redaction,
                page_index=box.page_index,
                x0=box.x0,
                y0=box.y0,
                x1=box.x1,
                y1=box.y1,
                kind=proposal.kind[:16],
                reason=proposal.reason[:120],
                decision=decision,
                decided_by_id=decided_by,
            )
        )
    Proposal.objects.bulk_create(rows)


# --- Decisions and boxes ---------------------------------------------------------------------


def proposals_decide(
    *, redaction: Redaction, actor, accepted: Iterable[int] = (), rejected: Iterable[int] = ()
) -> int:
    """Accept or reject proposals of this record (ids of another record are ignored).
    Returns how many changed."""
    accepted, rejected = set(accepted), set(rejected)
    with transaction.atomic():
        locked = _locked(redaction)
        _require(rules.may_edit(locked), _("Proposals can be decided only while redacting."))
        changed = 0
        for ids, decision in (
            (accepted - rejected, ProposalDecision.ACCEPTED),
            (rejected - accepted, ProposalDecision.REJECTED),
        ):
            if ids:
                changed += (
                    locked.proposals.filter(pk__in=ids)
                    .exclude(decision=decision)
                    .update(decision=decision, decided_by=actor)
                )
        if changed:
            _audit(actor, locked, AuditAction.BOX)
    return changed


def _valid_page(redaction: Redaction, page_index: int) -> None:
    count = redaction.page_count or redaction.document.page_count
    if page_index < 0 or (count is not None and page_index >= count):
        raise ValidationError(_("That page is not in the document."))


def _add_boxes(locked: Redaction, actor, boxes, source: str) -> list[StaffBox]:
    rows = []
    for box in boxes:
        x0, x1 = sorted((float(box.x0), float(box.x1)))
        y0, y1 = sorted((float(box.y0), float(box.y1)))
        if x1 - x0 < MIN_BOX_SIDE or y1 - y0 < MIN_BOX_SIDE:
            continue
        _valid_page(locked, box.page_index)
        rows.append(
            StaffBox(
                redaction=locked,
                page_index=box.page_index,
                x0=max(x0, 0.0),
                y0=max(y0, 0.0),
                x1=x1,
                y1=y1,
                source=source,
                created_by=actor,
            )
        )
    created = StaffBox.objects.bulk_create(rows)
    if created:
        _audit(actor, locked, AuditAction.BOX)
    return created


def box_add(*, redaction: Redaction, actor, page_index: int, x0, y0, x1, y1) -> StaffBox:
    """A box staff drew (mouse or keyboard), in PDF points from the page's top-left."""
    from redaction.engine.types import Box

    with transaction.atomic():
        locked = _locked(redaction)
        _require(rules.may_edit(locked), _("Boxes can be added only while redacting."))
        created = _add_boxes(locked, actor, [Box(page_index, x0, y0, x1, y1)], BoxSource.DRAWN)
        if not created:
            raise ValidationError(_("Draw a box at least a few points wide and high."))
    return created[0]


def box_whole_line(*, redaction: Redaction, actor, page_index: int, x0, y0, x1, y1) -> int:
    """Cover every line the given box touches, edge to edge of its words."""
    from redaction.engine import detect
    from redaction.engine.types import Box

    with transaction.atomic():
        locked = _locked(redaction)
        _require(rules.may_edit(locked), _("Boxes can be added only while redacting."))
        _valid_page(locked, page_index)
        pages = {page.page_index: page for page in page_texts_of(locked)}
        page = pages.get(page_index)
        _require(page is not None, _("This page has no text to find lines in."))
        lines = detect.line_boxes(page, Box(page_index, x0, y0, x1, y1))
        _require(bool(lines), _("No line of text there."))
        return len(_add_boxes(locked, actor, lines, BoxSource.LINE))


def box_whole_page(*, redaction: Redaction, actor, page_index: int) -> StaffBox:
    from redaction.engine import derivative

    with transaction.atomic():
        locked = _locked(redaction)
        _require(rules.may_edit(locked), _("Boxes can be added only while redacting."))
        _valid_page(locked, page_index)
        box = derivative.whole_page_box(_read_original(locked.document), page_index)
        return _add_boxes(locked, actor, [box], BoxSource.PAGE)[0]


def boxes_every_occurrence(*, redaction: Redaction, actor, term: str) -> int:
    """Cover every occurrence of `term` on every page (the term itself is not stored)."""
    from redaction.engine import detect

    term = " ".join((term or "").split())
    if not term:
        raise ValidationError(_("Enter the words to cover."))
    if len(term) > MAX_TERM_LENGTH:
        raise ValidationError(_("Enter at most %(max)s characters.") % {"max": MAX_TERM_LENGTH})
    with transaction.atomic():
        locked = _locked(redaction)
        _require(rules.may_edit(locked), _("Boxes can be added only while redacting."))
        found = detect.occurrences(page_texts_of(locked), term)
        return len(_add_boxes(locked, actor, found, BoxSource.OCCURRENCE))


def box_remove(*, redaction: Redaction, actor, box_id: int) -> bool:
    with transaction.atomic():
        locked = _locked(redaction)
        _require(rules.may_edit(locked), _("Boxes can be removed only while redacting."))
        deleted, _by_model = locked.boxes.filter(pk=box_id).delete()
        if deleted:
            _audit(actor, locked, AuditAction.BOX)
    return bool(deleted)


def boxes_to_burn(redaction: Redaction):
    """Accepted proposals and staff boxes, as the engine's boxes."""
    from redaction.engine.types import Box

    rows = list(
        redaction.proposals.filter(decision=ProposalDecision.ACCEPTED).values_list(
            "page_index", "x0", "y0", "x1", "y1"
        )
    ) + list(redaction.boxes.values_list("page_index", "x0", "y0", "x1", "y1"))
    return [Box(*row) for row in rows]


# --- Build and check -------------------------------------------------------------------------


def redaction_build(*, redaction: Redaction, actor) -> Redaction:
    """Build the derivative from the accepted proposals and the boxes (a task); the person who
    asks is the redactor, whom the review must not be."""
    with transaction.atomic():
        locked = _locked(redaction)
        _require(rules.may_edit(locked), _("Build only while redacting."))
        _require(
            not locked.proposals.filter(decision=ProposalDecision.PENDING).exists(),
            _("Accept or reject every proposal first."),
        )
        _drop_derivative(locked)
        locked.redactor = actor
        locked.state = RedactionState.BUILDING
        locked.progress_label = _("Waiting to start")
        locked.progress_done = locked.progress_total = 0
        locked.task_error = ""
        locked.save()
        _audit(actor, locked, AuditAction.BUILD)
        enqueue("redaction.tasks.build", locked.pk)
    return locked


def run_build(redaction_id: int) -> str | None:
    """The build task's work: a new PDF from page images with the boxes burnt in, stored
    under a random name with its hash; then the check is enqueued."""
    from redaction.engine import derivative

    redaction = Redaction.objects.select_related("document").filter(pk=redaction_id).first()
    if redaction is None or redaction.state != RedactionState.BUILDING:
        return None
    report = _progress(redaction_id)
    try:
        data = derivative.build_redacted_pdf(
            _read_original(redaction.document),
            boxes_to_burn(redaction),
            progress=lambda done, total: report(
                _("Building: page %(done)s of %(total)s") % {"done": done, "total": total},
                done,
                total,
            ),
        )
    except Exception:
        logger.warning("build failed for redaction %s", redaction_id, exc_info=False)
        Redaction.objects.filter(pk=redaction_id, state=RedactionState.BUILDING).update(
            state=RedactionState.REDACTING,
            task_error=_("The redacted file could not be built."),
            progress_label="",
        )
        return "failed"
    name = default_storage.save(
        Redaction._meta.get_field("derivative").generate_filename(redaction, "x.pdf"),
        ContentFile(data),
    )
    with transaction.atomic():
        locked = Redaction.objects.select_for_update().filter(pk=redaction_id).first()
        if locked is None or locked.state != RedactionState.BUILDING:
            transaction.on_commit(lambda: default_storage.delete(name))
            return None
        locked.derivative = name
        locked.derivative_sha256 = hashlib.sha256(data).hexdigest()
        locked.built_at = timezone.now()
        locked.state = RedactionState.CHECKING
        locked.progress_label = _("Waiting for the check")
        locked.progress_done = locked.progress_total = 0
        locked.save()
        enqueue("redaction.tasks.check", locked.pk)
    return "built"


def run_check(redaction_id: int) -> str | None:
    """The check task's work: the gate on the exact stored bytes (their hash must be the one
    stored at build), with the document's identifiers. Passed -> awaiting review; else back
    to redacting with the findings (codes and pages) shown."""
    from redaction.engine import gate

    redaction = Redaction.objects.select_related("document").filter(pk=redaction_id).first()
    if redaction is None or redaction.state != RedactionState.CHECKING:
        return None
    report = _progress(redaction_id)
    data = _read_derivative(redaction)
    digest = hashlib.sha256(data).hexdigest()
    findings: list[dict] = []
    if digest != redaction.derivative_sha256:
        passed = False
        findings = [{"code": "HASH_MISMATCH", "page": None}]
    else:
        result = gate.check_pdf(
            data,
            _engine_identifiers(redaction),
            progress=lambda done, total: report(
                _("Checking: page %(done)s of %(total)s") % {"done": done, "total": total},
                done,
                total,
            ),
        )
        passed = bool(result.passed)
        # SECURITY: codes and pages only; the detail may quote an identifier.
        findings = [{"code": f.code, "page": f.page} for f in result.findings]
    with transaction.atomic():
        locked = Redaction.objects.select_for_update().filter(pk=redaction_id).first()
        if locked is None or locked.state != RedactionState.CHECKING:
            return None
        locked.check_passed = passed
        locked.check_sha256 = digest
        locked.check_findings = findings
        locked.checked_at = timezone.now()
        locked.state = RedactionState.AWAITING_REVIEW if passed else RedactionState.REDACTING
        locked.progress_label = _("Check passed") if passed else _("Check failed")
        locked.save()
        audit_record(
            actor=None,
            object_type=OBJECT_TYPE,
            object_id=locked.document.public_id,
            action=AuditAction.CHECK,
            allowed=passed,
        )
    return "passed" if passed else "failed"


# --- Review and publishing -------------------------------------------------------------------


def redaction_approve(*, redaction: Redaction, reviewer) -> Redaction:
    """A second staff member approves the derivative after reviewing it page by page. The
    redactor cannot (refused here and by the database)."""
    with transaction.atomic():
        locked = _locked(redaction)
        _require(
            reviewer.pk != locked.redactor_id,
            _("The person who redacted a document cannot approve it: ask a colleague."),
        )
        _require(rules.may_review(locked, reviewer), _("This document is not awaiting review."))
        locked.reviewer = reviewer
        locked.approved_at = timezone.now()
        locked.state = RedactionState.APPROVED
        try:
            with transaction.atomic():
                locked.save()
        except IntegrityError as error:
            raise RedactionRefused(_("This approval is not allowed.")) from error
        _audit(reviewer, locked, AuditAction.APPROVE)
    return locked


def redaction_send_back(*, redaction: Redaction, reviewer) -> Redaction:
    """The reviewer finds something: back to redacting (the derivative is dropped)."""
    with transaction.atomic():
        locked = _locked(redaction)
        _require(
            locked.state in (RedactionState.AWAITING_REVIEW, RedactionState.APPROVED),
            _("This document is not awaiting review."),
        )
        _drop_derivative(locked)
        locked.reviewer = None
        locked.approved_at = None
        locked.state = RedactionState.REDACTING
        locked.save()
        _audit(reviewer, locked, AuditAction.UPDATE)
    return locked


def _sample_type(kind: str):
    from taxonomy.models import ResourceType

    slug, name = SAMPLE_TYPES.get(kind, DEFAULT_SAMPLE_TYPE)
    resource_type, _created = ResourceType.objects.get_or_create(
        slug=slug, defaults={"name": name, "country_specific": False}
    )
    return resource_type


def _case_tags(case) -> dict:
    """The sample's tags from its case: claim, protection, stage and implied topics; never
    the country (claim material is matched by claim type, and a country narrows who the
    client might be)."""
    from ta_library.index import catalogue_index
    from ta_library.rules import implied_topics
    from taxonomy.models import Topic

    persecution = list(case.persecution_types.all())
    topic_ids = implied_topics(
        catalogue_index().topic_implications,
        detention_status=case.detention_status,
        age_group_at_harm=case.age_group_at_harm,
        persecution=frozenset(p.pk for p in persecution),
    )
    topics = Topic.objects.filter(pk__in=topic_ids)
    return {
        "persecution_types": persecution,
        "protection_types": list(case.protection_types.all()),
        "procedural_stages": [case.procedural_stage],
        "topics": list(topics),
    }


def redaction_publish(*, redaction: Redaction, actor, title: str, summary: str) -> Redaction:
    """Publish an approved derivative as a TA Library resource (a sample decision or brief,
    tagged from its case, not CGRS-authored, with the summary staff wrote). The gate's
    verdict must be about the bytes published: they are read and hashed here. The
    identifiers and page text are deleted."""
    from ta_library.services import resource_create

    title = " ".join((title or "").split())
    summary = (summary or "").strip()
    if not title:
        raise ValidationError(_("Give the sample a title (no names or numbers of the client)."))
    if not summary:
        raise ValidationError(_("Write a short summary for the library card."))
    if len(title) > 300 or len(summary) > MAX_SUMMARY_LENGTH:
        raise ValidationError(_("The title or summary is too long."))
    with transaction.atomic():
        locked = _locked(redaction)
        document = Document.objects.select_for_update().get(pk=locked.document_id)
        locked.document = document
        _require(
            rules.may_publish(locked), _("Only an approved, checked document can be published.")
        )
        data = _read_derivative(locked)
        # SECURITY: the gate passed on these exact bytes, or nothing is published (S5, S6).
        _require(
            hashlib.sha256(data).hexdigest() == locked.check_sha256,
            _("The redacted file changed after it was checked; build it again."),
        )
        resource = resource_create(
            title=title,
            summary=summary,
            resource_type=_sample_type(document.kind),
            published_on=timezone.localdate(),
            authored_by_cgrs=False,
            author_name=str(_("Shared by an attorney, redacted by CGRS")),
            file=ContentFile(data, name="sample.pdf"),
            is_published=True,
            **_case_tags(document.case),
        )
        now = timezone.now()
        locked.resource = resource
        locked.title = title
        locked.summary = summary
        locked.published_at = now
        locked.state = RedactionState.PUBLISHED
        _forget_private_data(locked)
        locked.save()
        document.state = DocumentState.PUBLISHED
        document.state_changed_at = now
        if document.first_published_at is None:
            document.first_published_at = now
        document.save(
            update_fields=["state", "state_changed_at", "first_published_at", "updated_at"]
        )
        _audit(actor, locked, AuditAction.PUBLISH)
    return locked


def redaction_withdraw_for_document(document: Document, actor=None) -> None:
    """Documents' withdrawal hook (documents.services._withdraw_shared_versions, through
    documents.extensions), in the caller's transaction: the sample leaves the library at
    once, the record is marked withdrawn and its identifiers and page text are deleted."""
    redaction = Redaction.objects.select_for_update().filter(document=document).first()
    if redaction is None or redaction.state == RedactionState.WITHDRAWN:
        return
    if redaction.resource_id is not None:
        from ta_library.services import resources_set_published

        resources_set_published(resource_ids=[redaction.resource_id], published=False)
    _forget_private_data(redaction)
    redaction.state = RedactionState.WITHDRAWN
    redaction.withdrawn_at = timezone.now()
    redaction.progress_label = ""
    redaction.save()
    audit_record(
        actor=actor,
        object_type=OBJECT_TYPE,
        object_id=document.public_id,
        action=AuditAction.WITHDRAW,
        allowed=True,
    )
