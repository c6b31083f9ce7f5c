"""Reporting outcomes."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db import IntegrityError, transaction

from cases import extensions
from cases.models import Case, CaseChange, ChangeSource
from cases.services import case_advance_stage, case_close
from outcomes.models import AdjudicatorLevel, Appeal, Decision, Outcome


@dataclass(frozen=True)
class OutcomeReported:
    outcome: Outcome
    # The history entry when the outcome moved the case to a later procedural stage.
    stage_change: CaseChange | None
    # False when the same form had already been submitted: `outcome` is the one it made.
    created: bool = True


def next_stage_slug(*, adjudicator_level: str, decision: str, appeal: str) -> str | None:
    """The procedural stage a decision moves the case to, if it moves it at all.

    An asylum office denial refers the case to the immigration court; an appealed immigration
    judge decision goes to the BIA; an appealed BIA decision goes to a circuit court.
    """
    appealed = appeal == Appeal.APPEALED
    if adjudicator_level == AdjudicatorLevel.ASYLUM_OFFICE and decision == Decision.DENIED:
        return "immigration-court"
    if adjudicator_level == AdjudicatorLevel.IMMIGRATION_JUDGE and appealed:
        return "bia"
    if adjudicator_level == AdjudicatorLevel.BIA and appealed:
        return "circuit-court"
    return None


def is_final(*, appeal: str) -> bool:
    """A decision that moves the case nowhere (see next_stage_slug) and that was not
    appealed ends the case."""
    return appeal == Appeal.NOT_APPEALED


def outcome_create(
    *,
    case: Case,
    reporter,
    decided_on: date,
    adjudicator_level: str,
    decision: str,
    location: str = "",
    adjudicator_name: str = "",
    grounds: Iterable[str] = (),
    psg_formulations: Iterable[str] = (),
    denial_reasons: Iterable[str] = (),
    denial_reasons_text: str = "",
    appeal: str = "",
    notes: str = "",
    submission_token: uuid.UUID | None = None,
) -> OutcomeReported:
    """Record one decision in a case; move the case's procedural stage forward when the
    decision does (recorded in the case history).

    The same `submission_token` for the same case (a double click, back-and-resubmit) returns
    the outcome the first submission made, with created=False.
    """
    if submission_token is not None:
        existing = Outcome.objects.filter(case=case, submission_token=submission_token).first()
        if existing is not None:
            return OutcomeReported(outcome=existing, stage_change=None, created=False)
    try:
        return _outcome_insert(
            case=case,
            reporter=reporter,
            submission_token=submission_token,
            decided_on=decided_on,
            adjudicator_level=adjudicator_level,
            decision=decision,
            location=location,
            adjudicator_name=adjudicator_name,
            grounds=grounds,
            psg_formulations=psg_formulations,
            denial_reasons=denial_reasons,
            denial_reasons_text=denial_reasons_text,
            appeal=appeal,
            notes=notes,
        )
    except IntegrityError:
        # A concurrent submission of the same form won the race.
        existing = Outcome.objects.filter(case=case, submission_token=submission_token).first()
        if submission_token is None or existing is None:
            raise
        return OutcomeReported(outcome=existing, stage_change=None, created=False)


def _outcome_insert(
    *,
    case: Case,
    reporter,
    submission_token: uuid.UUID | None,
    decided_on: date,
    adjudicator_level: str,
    decision: str,
    location: str,
    adjudicator_name: str,
    grounds: Iterable[str],
    psg_formulations: Iterable[str],
    denial_reasons: Iterable[str],
    denial_reasons_text: str,
    appeal: str,
    notes: str,
) -> OutcomeReported:
    with transaction.atomic():
        # Lock the case: two outcomes reported at once must not both move the stage.
        locked = Case.objects.select_for_update().select_related("procedural_stage").get(pk=case.pk)
        outcome = Outcome.objects.create(
            case=locked,
            reported_by=reporter,
            submission_token=submission_token,
            decided_on=decided_on,
            adjudicator_level=adjudicator_level,
            decision=decision,
            location=location,
            adjudicator_name=adjudicator_name,
            grounds=list(grounds),
            psg_formulations=list(psg_formulations),
            denial_reasons=list(denial_reasons),
            denial_reasons_text=denial_reasons_text,
            appeal=appeal,
            notes=notes,
        )
        stage_change = None
        slug = next_stage_slug(
            adjudicator_level=adjudicator_level, decision=decision, appeal=appeal
        )
        if slug is not None:
            stage_change = case_advance_stage(case=locked, stage_slug=slug, changed_by=reporter)
        elif is_final(appeal=appeal):
            # A decision nobody appeals ends the case: its alerts stop at once.
            case_close(case=locked, changed_by=reporter, source=ChangeSource.OUTCOME)
        # Insights count the new outcome from the moment it commits.
        extensions.case_counts_changed(case_ids=[locked.pk])
    return OutcomeReported(outcome=outcome, stage_change=stage_change)
