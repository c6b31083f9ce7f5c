"""Demo documents (see `load_demo_data`): the demo attorneys' cases get generated
immigration-court decisions, briefs and declarations in every state a document can be in, so
`make run` shows the attorney's side of the flow: received and waiting for redaction, being
redacted, not suitable to share, and kept private (permission No). Shared as a redacted sample
and withdrawn after sharing are reached only through the real redaction workbench, so they come
from `devtools.demo.redaction`: a document never shows as shared without the redaction record
that published it.

Every name and number in the files is invented (`documents.samples.sample_parties`). Writes
go through the services, as an attorney's and a staff member's would. Idempotent: a case
that already has documents gets none added.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date

from django.core.files.base import ContentFile

from accounts.models import User
from devtools.demo.cases import demo_case, demo_token
from documents import samples, services
from documents.models import Document

STAFF_EMAIL = "staff@example.org"


@dataclass(frozen=True)
class DemoDocument:
    name: str
    kind: str
    share_permission: str
    # received | in_redaction | not_suitable (reached through the same steps staff and
    # attorneys take).
    reach: str = "received"
    seed: int = 0
    docx: bool = False
    with_outcome: bool = True
    not_suitable_reason: str = ""


_COURTS = {
    "guatemala-dv": ("Guatemala", "SAN FRANCISCO, CALIFORNIA"),
    "honduras-gangs": ("Honduras", "HOUSTON, TEXAS"),
    "el-salvador-political": ("El Salvador", "SAN FRANCISCO, CALIFORNIA"),
    "mexico-lgbtq": ("Mexico", "SAN DIEGO, CALIFORNIA"),
}
_COUNSEL = {
    "attorney@example.org": "Alex Rivera, Esq.",
    "attorney2@example.org": "Jordan Kim, Esq.",
}

DEMO_DOCUMENTS: dict[tuple[str, str], list[DemoDocument]] = {
    ("guatemala-dv", "attorney@example.org"): [
        DemoDocument("Asylum office referral - Quintanilla.pdf", "decision", "yes", seed=0),
        DemoDocument(
            "Pre-hearing brief (draft).docx", "brief", "no", seed=0, docx=True, with_outcome=False
        ),
        DemoDocument(
            "Psychological evaluation.pdf",
            "declaration",
            "yes",
            reach="not_suitable",
            seed=0,
            not_suitable_reason=(
                "This evaluation is mostly about your client's own medical history, which we "
                "cannot redact enough to share. Thank you for offering it."
            ),
        ),
    ],
    ("honduras-gangs", "attorney@example.org"): [
        DemoDocument("IJ decision - Houston.pdf", "decision", "yes", reach="in_redaction", seed=7),
        DemoDocument("Brief on nexus to family.pdf", "brief", "yes", seed=7),
        DemoDocument("Motion to reconsider.pdf", "motion", "no", seed=7, with_outcome=False),
    ],
    ("el-salvador-political", "attorney@example.org"): [
        DemoDocument(
            "Declaration of the respondent.docx",
            "declaration",
            "no",
            seed=11,
            docx=True,
            with_outcome=False,
        ),
    ],
    ("mexico-lgbtq", "attorney2@example.org"): [
        DemoDocument("IJ decision - withholding granted.pdf", "decision", "yes", seed=13),
    ],
}


def _file_bytes(item: DemoDocument, key: str, email: str) -> bytes:
    country, court = _COURTS[key]
    parties = dataclasses.replace(
        samples.sample_parties(item.seed),
        country=country,
        court=court,
        counsel=_COUNSEL.get(email, "Counsel for the Respondent"),
        decided_on=date(2026, 3, 2),
    )
    if item.docx:
        return samples.brief_docx(parties)
    return samples.decision_pdf(parties, pages=3 if item.kind == "decision" else 2)


def _reach(document: Document, item: DemoDocument, *, staff) -> None:
    if item.reach == "received":
        return
    if item.reach == "not_suitable":
        services.document_mark_not_suitable(
            document=document, actor=staff, reason=item.not_suitable_reason
        )
        return
    if item.reach == "in_redaction":
        services.document_send_to_redaction(document=document, actor=staff)
        return
    raise ValueError(f"unknown demo reach {item.reach!r}")


def load(log) -> None:
    """Idempotent: running it twice changes nothing."""
    staff = User.objects.filter(email=STAFF_EMAIL).first()
    added = 0
    for (key, email), items in DEMO_DOCUMENTS.items():
        case = demo_case(key, email)
        if case is None or staff is None or Document.objects.filter(case=case).exists():
            continue
        outcome = case.outcomes.order_by("decided_on", "pk").last()
        for item in items:
            data = _file_bytes(item, key, email)
            stored = services.document_upload(
                case=case,
                uploader=case.attorney,
                file=ContentFile(data, name=item.name),
                original_name=item.name,
                kind=item.kind,
                share_permission=item.share_permission,
                outcome=outcome if item.with_outcome else None,
                submission_token=demo_token(f"documents-{key}"),
            )
            _reach(stored.document, item, staff=staff)
            added += 1
    log(f"documents: {added} added, {Document.objects.count()} in total")
