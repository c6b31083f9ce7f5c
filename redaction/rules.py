"""The redaction rules, each in one function that everything calls.

`may_serve_sample` is the sharing truth table (SECURITY S4, S6): the one place that decides
whether the file of a published sample may be sent. The library's file views call it on the
bytes they are about to send, on every request.
"""

from __future__ import annotations

import hashlib

from accounts.permissions import is_cgrs_staff
from documents import rules as document_rules
from redaction.models import EDITABLE_STATES, Redaction, RedactionState


def review_approved(redaction: Redaction) -> bool:
    """A second staff member (never the redactor) approved the derivative."""
    return (
        redaction.state in (RedactionState.APPROVED, RedactionState.PUBLISHED)
        and redaction.reviewer_id is not None
        and redaction.approved_at is not None
        and redaction.reviewer_id != redaction.redactor_id
    )


def gate_passed_on_derivative(redaction: Redaction) -> bool:
    """The gate passed, and on the bytes stored as the derivative (not on an earlier build)."""
    return (
        redaction.check_passed is True
        and bool(redaction.derivative_sha256)
        and redaction.check_sha256 == redaction.derivative_sha256
    )


def may_serve_sample(redaction: Redaction, data: bytes) -> bool:
    """Whether `data`, about to be sent as this redaction's published sample, may go out.

    Only while: the uploader's permission is Yes (and the document is neither withdrawn nor
    judged not suitable), the sample is published after a second person's approval, the gate
    passed on the derivative's bytes, and `data` - the bytes read now - hash to exactly
    those. Anything else (tampered or swapped bytes included) is refused.
    """
    return (
        document_rules.may_share(redaction.document)
        and redaction.state == RedactionState.PUBLISHED
        and review_approved(redaction)
        and gate_passed_on_derivative(redaction)
        and hashlib.sha256(data).hexdigest() == redaction.derivative_sha256
    )


def may_show_sample_page(redaction: Redaction) -> bool:
    """A sample's library page shows only while its file could be served: the same rule
    as `may_serve_sample`, less the bytes (which the file views hash on every request)."""
    return (
        document_rules.may_share(redaction.document)
        and redaction.state == RedactionState.PUBLISHED
        and review_approved(redaction)
        and gate_passed_on_derivative(redaction)
    )


def may_edit(redaction: Redaction) -> bool:
    """Boxes and proposals change only while staff are redacting (a build in progress or a
    reviewed derivative would no longer match them)."""
    return redaction.state in EDITABLE_STATES and document_rules.may_share(redaction.document)


def may_review(redaction: Redaction, user) -> bool:
    """The reviewer is a staff member other than the redactor, reviewing a derivative that
    passed the gate (the database refuses the same: redaction_reviewer_not_redactor)."""
    return (
        is_cgrs_staff(user)
        and redaction.state == RedactionState.AWAITING_REVIEW
        and redaction.redactor_id is not None
        and user.pk != redaction.redactor_id
        and gate_passed_on_derivative(redaction)
    )


def may_publish(redaction: Redaction) -> bool:
    return (
        redaction.state == RedactionState.APPROVED
        and review_approved(redaction)
        and gate_passed_on_derivative(redaction)
        and document_rules.may_share(redaction.document)
    )
