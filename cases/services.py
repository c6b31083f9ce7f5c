"""Every write to a case: intake, edit, number allocation and the history they leave."""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_countries import countries

from cases import extensions
from cases.models import (
    CASE_NUMBER_MAX,
    CASE_NUMBER_MIN,
    AgeGroup,
    AlertDefault,
    AlertFrequency,
    Case,
    CaseChange,
    ChangeSource,
    ClientGender,
    Deadline,
    DetentionStatus,
)
from taxonomy.models import PersecutionType, ProceduralStage, ProtectionType

CASE_NUMBER_CAPACITY = CASE_NUMBER_MAX - CASE_NUMBER_MIN + 1
# Staff are warned once this share of the number space is used.
NEARLY_EXHAUSTED_SHARE = 0.9
# Random guesses before asking the database for an unused number. A miss costs a rolled-back
# savepoint (~0.3 ms); the database's pick scans the whole range (~30 ms). At 90% use twenty
# guesses all miss with probability 0.12, so the scan only runs when the space is nearly full
# (see `manage.py bench_case_numbers`).
RANDOM_ATTEMPTS = 20
# Bound on retries against the database's own pick of an unused number. Each retry means a
# concurrent intake took that number and committed, so progress is guaranteed; the bound only
# guards against a bug turning into an endless loop.
FALLBACK_ATTEMPTS = 500

NUMBER_CONSTRAINT = "cases_case_number_key"
RESUBMISSION_CONSTRAINT = "case_intake_token_once_per_attorney"


class CaseNumbersExhausted(Exception):
    """Every five-digit case number is in use."""


@dataclass(frozen=True)
class DeadlineInput:
    due_on: date
    description: str


@dataclass(frozen=True)
class NumberUsage:
    used: int
    capacity: int

    @property
    def share(self) -> float:
        return self.used / self.capacity

    @property
    def nearly_exhausted(self) -> bool:
        return self.share >= NEARLY_EXHAUSTED_SHARE

    @property
    def exhausted(self) -> bool:
        return self.used >= self.capacity


def case_number_usage() -> NumberUsage:
    """How much of the five-digit space is taken (one COUNT on an indexed column)."""
    return NumberUsage(used=Case.objects.count(), capacity=CASE_NUMBER_CAPACITY)


def _violated_constraint(error: IntegrityError) -> str | None:
    diag = getattr(error.__cause__, "diag", None)
    return getattr(diag, "constraint_name", None)


def _random_unused_number() -> int | None:
    """One unused number chosen at random by the database, or None when none is left."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT n FROM generate_series(%s, %s) AS n
            WHERE NOT EXISTS (SELECT 1 FROM cases_case WHERE cases_case.number = n)
            ORDER BY random() LIMIT 1
            """,
            [CASE_NUMBER_MIN, CASE_NUMBER_MAX],
        )
        row = cursor.fetchone()
    return row[0] if row else None


def _insert_under_free_number(case: Case) -> None:
    """Insert `case` under a random unused five-digit number.

    Numbers are random, not sequential, so a number says nothing about how many cases exist
    or who submitted the one before. The unique index is the lock: two intakes that pick the
    same number cannot both commit; the loser's savepoint rolls back and it tries another.
    """
    for attempt in range(RANDOM_ATTEMPTS + FALLBACK_ATTEMPTS):
        if attempt < RANDOM_ATTEMPTS:
            number = CASE_NUMBER_MIN + secrets.randbelow(CASE_NUMBER_CAPACITY)
        else:
            number = _random_unused_number()
            if number is None:
                raise CaseNumbersExhausted
        case.number = number
        try:
            with transaction.atomic():
                case.save(force_insert=True)
        except IntegrityError as error:
            if _violated_constraint(error) != NUMBER_CONSTRAINT:
                raise
            case.pk = None
            continue
        return
    raise CaseNumbersExhausted


def _deadlines_display(deadlines: Iterable[DeadlineInput | Deadline]) -> str:
    return "; ".join(
        f"{d.due_on.isoformat()}: {d.description}"
        for d in sorted(deadlines, key=lambda d: (d.due_on, d.description))
    )


def _names(terms: Iterable) -> str:
    return ", ".join(sorted(str(term) for term in terms))


def _snapshot(
    *,
    country_of_origin: str,
    persecution_types: Iterable[PersecutionType],
    protection_types: Iterable[ProtectionType],
    procedural_stage: ProceduralStage,
    detention_status: str,
    client_gender: str,
    age_group_at_harm: str,
    outcome_rendered: bool,
    notes: str,
    deadlines: Iterable[DeadlineInput | Deadline],
) -> dict[str, tuple[str, str]]:
    """Display values of every intake answer: {field: (label, value)} for the history."""
    return {
        "country_of_origin": (_("Country of origin"), str(countries.name(country_of_origin))),
        "persecution_types": (_("Types of persecution feared"), _names(persecution_types)),
        "protection_types": (_("Protection sought"), _names(protection_types)),
        "procedural_stage": (_("Procedural stage"), str(procedural_stage)),
        "detention_status": (
            _("Detention status"),
            str(DetentionStatus(detention_status).label) if detention_status else "",
        ),
        "client_gender": (
            _("Client's gender"),
            str(ClientGender(client_gender).label) if client_gender else "",
        ),
        "age_group_at_harm": (
            _("Age group at the time of harm"),
            str(AgeGroup(age_group_at_harm).label) if age_group_at_harm else "",
        ),
        "outcome_rendered": (
            _("Outcome already rendered"),
            _("Yes") if outcome_rendered else _("No"),
        ),
        "notes": (_("Notes"), notes),
        "deadlines": (_("Upcoming deadlines"), _deadlines_display(deadlines)),
    }


def _case_snapshot(case: Case) -> dict[str, tuple[str, str]]:
    return _snapshot(
        country_of_origin=case.country_of_origin.code,
        persecution_types=case.persecution_types.all(),
        protection_types=case.protection_types.all(),
        procedural_stage=case.procedural_stage,
        detention_status=case.detention_status,
        client_gender=case.client_gender,
        age_group_at_harm=case.age_group_at_harm,
        outcome_rendered=case.outcome_rendered,
        notes=case.notes,
        deadlines=case.deadlines.all(),
    )


def case_create(
    *,
    attorney,
    intake_token: uuid.UUID,
    country_of_origin: str,
    persecution_types: Iterable[PersecutionType],
    protection_types: Iterable[ProtectionType],
    procedural_stage: ProceduralStage,
    detention_status: str,
    client_gender: str = "",
    age_group_at_harm: str = "",
    outcome_rendered: bool = False,
    notes: str = "",
    deadlines: Iterable[DeadlineInput] = (),
) -> tuple[Case, bool]:
    """Create a case from an intake and give it a five-digit number.

    Returns (case, created). The same `intake_token` from the same attorney (a double click,
    a back-and-resubmit) returns the case the first submission made, unchanged, with
    created=False. Raises CaseNumbersExhausted when no number is left.
    """
    existing = Case.objects.filter(attorney=attorney, intake_token=intake_token).first()
    if existing is not None:
        return existing, False
    persecution_types = list(persecution_types)
    protection_types = list(protection_types)
    deadlines = list(deadlines)
    try:
        with transaction.atomic():
            case = Case(
                attorney=attorney,
                intake_token=intake_token,
                country_of_origin=country_of_origin,
                procedural_stage=procedural_stage,
                detention_status=detention_status,
                client_gender=client_gender,
                age_group_at_harm=age_group_at_harm,
                outcome_rendered=outcome_rendered,
                notes=notes,
                alert_frequency=new_case_alert_frequency(attorney),
            )
            _insert_under_free_number(case)
            case.persecution_types.set(persecution_types)
            case.protection_types.set(protection_types)
            Deadline.objects.bulk_create(
                Deadline(case=case, due_on=d.due_on, description=d.description) for d in deadlines
            )
            CaseChange.objects.create(case=case, changed_by=attorney, source=ChangeSource.INTAKE)
    except IntegrityError as error:
        # A concurrent submission of the same form won the race: hand back its case.
        if _violated_constraint(error) != RESUBMISSION_CONSTRAINT:
            raise
        return Case.objects.get(attorney=attorney, intake_token=intake_token), False
    return case, True


# Intake answers that outcome insights count outcomes under.
INSIGHT_FIELDS = frozenset({"country_of_origin", "persecution_types", "protection_types"})


def case_update(
    *,
    case: Case,
    editor,
    country_of_origin: str,
    persecution_types: Iterable[PersecutionType],
    protection_types: Iterable[ProtectionType],
    procedural_stage: ProceduralStage,
    detention_status: str,
    client_gender: str = "",
    age_group_at_harm: str = "",
    outcome_rendered: bool = False,
    notes: str = "",
    deadlines: Iterable[DeadlineInput] = (),
) -> CaseChange | None:
    """Apply an edit at once and record what changed (old -> new) in the case's history.

    Returns the history entry, or None when nothing changed (then nothing is written).
    """
    persecution_types = list(persecution_types)
    protection_types = list(protection_types)
    deadlines = list(deadlines)
    with transaction.atomic():
        # Lock the row so two concurrent edits each diff against what the other saved.
        locked = Case.objects.select_for_update().select_related("procedural_stage").get(pk=case.pk)
        before = _case_snapshot(locked)
        after = _snapshot(
            country_of_origin=country_of_origin,
            persecution_types=persecution_types,
            protection_types=protection_types,
            procedural_stage=procedural_stage,
            detention_status=detention_status,
            client_gender=client_gender,
            age_group_at_harm=age_group_at_harm,
            outcome_rendered=outcome_rendered,
            notes=notes,
            deadlines=deadlines,
        )
        changes = [
            {"field": field, "label": str(label), "old": before[field][1], "new": value}
            for field, (label, value) in after.items()
            if before[field][1] != value
        ]
        if not changes:
            return None
        locked.country_of_origin = country_of_origin
        locked.procedural_stage = procedural_stage
        locked.detention_status = detention_status
        locked.client_gender = client_gender
        locked.age_group_at_harm = age_group_at_harm
        locked.outcome_rendered = outcome_rendered
        locked.notes = notes
        locked.save()
        locked.persecution_types.set(persecution_types)
        locked.protection_types.set(protection_types)
        if any(change["field"] == "deadlines" for change in changes):
            locked.deadlines.all().delete()
            Deadline.objects.bulk_create(
                Deadline(case=locked, due_on=d.due_on, description=d.description) for d in deadlines
            )
        if any(change["field"] in INSIGHT_FIELDS for change in changes):
            # The case's outcomes are counted under its country and types: move them along.
            extensions.case_counts_changed(case_ids=[locked.pk])
        return CaseChange.objects.create(
            case=locked, changed_by=editor, source=ChangeSource.EDIT, changes=changes
        )


def case_advance_stage(*, case: Case, stage_slug: str, changed_by) -> CaseChange | None:
    """Move the case to a later procedural stage (never back) and record it in the history.

    "Later" is the stages' `sequence` (taxonomy.models.ProceduralStage); a stage without one
    (Other) is neither earlier nor later than any. Callers hold the case row locked in their
    transaction. Returns the history entry, or None when the stage is not later.
    """
    current = case.procedural_stage.sequence
    new_stage = ProceduralStage.objects.filter(slug=stage_slug, sequence__isnull=False).first()
    if current is None or new_stage is None or new_stage.sequence <= current:
        return None
    old_stage = case.procedural_stage
    case.procedural_stage = new_stage
    case.save(update_fields=["procedural_stage", "updated_at"])
    return CaseChange.objects.create(
        case=case,
        changed_by=changed_by,
        source=ChangeSource.OUTCOME,
        changes=[
            {
                "field": "procedural_stage",
                "label": str(_("Procedural stage")),
                "old": str(old_stage),
                "new": str(new_stage),
            }
        ],
    )


# --- Alerts and closing ------------------------------------------------------------------


def new_case_alert_frequency(attorney) -> str:
    """What a new case's alerts start at: the attorney's one setting, else weekly."""
    default = AlertDefault.objects.filter(attorney=attorney).values_list("frequency", flat=True)
    return default.first() or AlertFrequency.WEEKLY


def case_set_alert_frequency(*, case: Case, frequency: str) -> None:
    """Set one case's alerts. Turning them on restarts the idle clock (alerts.digests)."""
    AlertFrequency(frequency)  # ValueError for anything else
    fields = {"alert_frequency": frequency}
    if frequency != AlertFrequency.OFF and case.alert_frequency == AlertFrequency.OFF:
        fields.update(alert_since=timezone.now(), alert_idle_warned_at=None)
    Case.objects.filter(pk=case.pk).update(**fields)
    for name, value in fields.items():
        setattr(case, name, value)


@transaction.atomic
def attorney_set_alert_frequency(*, attorney, frequency: str) -> int:
    """The one setting: every open case of `attorney`, and their new cases, alert at
    `frequency`. Returns how many open cases it covers."""
    AlertFrequency(frequency)
    AlertDefault.objects.update_or_create(attorney=attorney, defaults={"frequency": frequency})
    open_cases = Case.objects.filter(attorney=attorney, closed_at__isnull=True)
    if frequency != AlertFrequency.OFF:
        # Cases that were off start their idle clock now.
        open_cases.filter(alert_frequency=AlertFrequency.OFF).update(
            alert_since=timezone.now(), alert_idle_warned_at=None
        )
    return open_cases.update(alert_frequency=frequency)


def _closing_change(case: Case, changed_by, *, closed: bool, source: str) -> CaseChange:
    labels = (str(_("Open")), str(_("Closed")))
    return CaseChange.objects.create(
        case=case,
        changed_by=changed_by,
        source=source,
        changes=[
            {
                "field": "closed_at",
                "label": str(_("Status")),
                "old": labels[not closed],
                "new": labels[closed],
            }
        ],
    )


def case_close(*, case: Case, changed_by, source: str = ChangeSource.EDIT) -> CaseChange | None:
    """Close the case (its alerts stop at once) and record it; None if it was closed."""
    closed = Case.objects.filter(pk=case.pk, closed_at__isnull=True).update(
        closed_at=timezone.now()
    )
    if not closed:
        return None
    case.refresh_from_db(fields=["closed_at", "updated_at"])
    return _closing_change(case, changed_by, closed=True, source=source)


def case_reopen(*, case: Case, changed_by) -> CaseChange | None:
    """Reopen a closed case; its alerts restart with a fresh idle clock."""
    reopened = Case.objects.filter(pk=case.pk, closed_at__isnull=False).update(
        closed_at=None, alert_since=timezone.now(), alert_idle_warned_at=None
    )
    if not reopened:
        return None
    case.refresh_from_db(fields=["closed_at", "alert_since", "alert_idle_warned_at"])
    return _closing_change(case, changed_by, closed=False, source=ChangeSource.EDIT)
