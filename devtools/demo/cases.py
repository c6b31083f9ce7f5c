"""Demo cases (see `load_demo_data`): three for attorney@example.org, one for
attorney2@example.org. Each has a fixed intake token, so the intake service itself makes the
load idempotent: a second run finds the cases the first one created."""

import uuid
from datetime import timedelta

from django.utils import timezone

from accounts.models import User
from cases.models import Case
from cases.services import DeadlineInput, case_create
from taxonomy.models import PersecutionType, ProceduralStage, ProtectionType

_NAMESPACE = uuid.UUID("6f1c1f2e-7d55-4f0e-9a43-0c7d3c1b9e10")


def demo_token(key: str) -> uuid.UUID:
    return uuid.uuid5(_NAMESPACE, key)


# key, attorney, country, persecution, protection, stage, detention, gender, age, outcome?,
# deadlines (days from today, what), notes
DEMO_CASES = [
    (
        "guatemala-dv",
        "attorney@example.org",
        "GT",
        ["domestic-violence", "gender-based-violence"],
        ["asylum", "withholding", "cat"],
        "immigration-court",
        "not_detained",
        "woman",
        "adult",
        True,
        [(45, "Individual merits hearing"), (15, "Pre-hearing brief and evidence due")],
        "Long-term abusive partner; police refused to act on three reports.",
    ),
    (
        "honduras-gangs",
        "attorney@example.org",
        "HN",
        ["gang-violence", "family-membership"],
        ["asylum", "withholding", "cat"],
        "bia",
        "detained",
        "man",
        "young_adult",
        True,
        [(20, "BIA brief due")],
        "Threatened after refusing recruitment; brother killed. IJ denied on nexus.",
    ),
    (
        "el-salvador-political",
        "attorney@example.org",
        "SV",
        ["political-opinion", "state-actor-violence"],
        ["asylum"],
        "affirmative",
        "not_detained",
        "",
        "adult",
        False,
        [(60, "Asylum office interview")],
        "Journalist targeted after reporting on local officials.",
    ),
    (
        "mexico-lgbtq",
        "attorney2@example.org",
        "MX",
        ["lgbtq"],
        ["asylum", "withholding"],
        "immigration-court",
        "released",
        "transgender",
        "young_adult",
        True,
        [],
        "",
    ),
]


def load(log) -> None:
    """Idempotent: running it twice changes nothing."""
    today = timezone.localdate()
    created_count = 0
    for (
        key,
        email,
        country,
        persecution,
        protection,
        stage,
        detention,
        gender,
        age,
        outcome_rendered,
        deadlines,
        notes,
    ) in DEMO_CASES:
        attorney = User.objects.filter(email=email).first()
        if attorney is None:
            log(f"cases: demo user {email} missing; skipped")
            continue
        _, created = case_create(
            attorney=attorney,
            intake_token=demo_token(key),
            country_of_origin=country,
            persecution_types=PersecutionType.objects.filter(slug__in=persecution),
            protection_types=ProtectionType.objects.filter(slug__in=protection),
            procedural_stage=ProceduralStage.objects.get(slug=stage),
            detention_status=detention,
            client_gender=gender,
            age_group_at_harm=age,
            outcome_rendered=outcome_rendered,
            notes=notes,
            deadlines=[
                DeadlineInput(due_on=today + timedelta(days=days), description=what)
                for days, what in deadlines
            ],
        )
        created_count += created
    log(f"cases: {created_count} created, {Case.objects.count()} in total")


def demo_case(key: str, email: str) -> Case | None:
    """A demo case by its key (for the outcomes demo loader)."""
    return Case.objects.filter(attorney__email=email, intake_token=demo_token(key)).first()
