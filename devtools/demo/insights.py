"""Demo outcomes for insights (see `load_demo_data`): a few thousand generated reports on
generated cases of one inactive account, so every insights view shows real patterns and
real suppression. Idempotent: once that account has cases nothing is added."""

from django.conf import settings

from accounts.models import Role, User
from devtools.synthetic_outcomes import generate_outcomes
from insights.services import facts_refresh
from taxonomy.models import ProceduralStage

REPORTER_EMAIL = "generated-outcomes@example.org"
DEMO_OUTCOMES = 6000
DEMO_CASES = 900


def load(log) -> None:
    reporter, created = User.objects.get_or_create(
        email=REPORTER_EMAIL,
        defaults={
            "full_name": "Generated outcome reports (demo)",
            "account_type": Role.ATTORNEY,
            # Nobody signs in as this account: it only owns the generated cases.
            "is_active": False,
        },
    )
    if created:
        reporter.set_unusable_password()
        reporter.save(update_fields=["password"])
    if reporter.cases.exists():
        log("insights: generated outcomes already loaded")
        return
    stage = ProceduralStage.objects.order_by("position").first()
    if stage is None or not settings.DEMO_DATA_ALLOWED:
        return
    case_ids = generate_outcomes(
        attorney_id=reporter.pk, stage_id=stage.pk, outcomes=DEMO_OUTCOMES, cases=DEMO_CASES
    )
    facts_refresh(case_ids=case_ids)
    log(f"insights: {DEMO_OUTCOMES} generated outcomes on {len(case_ids)} cases")
