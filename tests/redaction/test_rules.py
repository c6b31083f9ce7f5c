"""The sharing truth table (SECURITY S4, S6) and the two-person rule in the database."""

from __future__ import annotations

import hashlib
import itertools

import pytest
from django.db import IntegrityError, transaction

from documents.models import SharePermission
from redaction import crypto, rules
from redaction.models import RedactionState
from tests.documents.factories import sample_pdf
from tests.redaction.factories import published_redaction

COMBINATIONS = list(itertools.product([True, False], repeat=4))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("permission_yes", "review_approved", "gate_passed", "hash_matches"),
    COMBINATIONS,
    ids=[
        "perm-{}_review-{}_gate-{}_hash-{}".format(*("yes" if v else "no" for v in combo))
        for combo in COMBINATIONS
    ],
)
def test_sample_is_served_only_when_every_condition_holds(
    permission_yes, review_approved, gate_passed, hash_matches
):
    data = sample_pdf()
    redaction = published_redaction(data=data)
    # The states below cannot all be stored (the database refuses an approval without a
    # passing check); the rule must refuse them on its own all the same.
    if not permission_yes:
        redaction.document.share_permission = SharePermission.NO
    if not review_approved:
        redaction.reviewer = None
        redaction.approved_at = None
    if not gate_passed:
        redaction.check_passed = False
    served = data if hash_matches else data.replace(b"%%EOF", b"%%EOF\n% changed", 1)
    assert (hashlib.sha256(served).hexdigest() == redaction.derivative_sha256) is hash_matches

    allowed = rules.may_serve_sample(redaction, served)

    assert allowed is all((permission_yes, review_approved, gate_passed, hash_matches))


@pytest.mark.django_db
def test_a_gate_verdict_on_other_bytes_does_not_count():
    redaction = published_redaction()
    redaction.check_sha256 = "0" * 64  # the gate passed on an earlier build
    assert not rules.may_serve_sample(redaction, sample_pdf())


@pytest.mark.django_db
@pytest.mark.parametrize("state", [s for s in RedactionState if s != RedactionState.PUBLISHED])
def test_only_a_published_sample_is_served(state):
    redaction = published_redaction()
    redaction.state = state
    assert not rules.may_serve_sample(redaction, sample_pdf())


@pytest.mark.django_db
def test_the_database_refuses_an_approval_by_the_redactor():
    redaction = published_redaction()
    redaction.reviewer = redaction.redactor
    with pytest.raises(IntegrityError), transaction.atomic():
        redaction.save()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "change",
    [
        {"check_passed": False},
        {"check_passed": None},
        {"check_sha256": "0" * 64},
        {"reviewer": None},
        {"approved_at": None},
    ],
    ids=["check-failed", "not-checked", "checked-other-bytes", "no-reviewer", "no-approval-time"],
)
def test_the_database_refuses_a_published_state_without_review_and_passing_check(change):
    redaction = published_redaction()
    for field, value in change.items():
        setattr(redaction, field, value)
    with pytest.raises(IntegrityError), transaction.atomic():
        redaction.save()


def test_sealed_identifiers_are_not_readable_in_the_stored_bytes():
    token = crypto.seal([["a_number", "A201-555-123"], ["name", "Maria Lopez"]])
    assert b"201" not in token and b"Maria" not in token
    assert crypto.unseal(token) == [["a_number", "A201-555-123"], ["name", "Maria Lopez"]]
    assert crypto.unseal(b"not a token", default=[]) == []
