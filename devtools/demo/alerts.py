"""Demo alerts (see `load_demo_data`): each demo case in another alert state, new resources
waiting in the attorney's list, and last week's digest as sent."""

import datetime

from django.utils import timezone

from alerts.digests import period_of
from alerts.models import Digest
from cases.models import AlertFrequency, Case
from devtools.demo.cases import demo_case
from ta_library.index import catalogue_index
from ta_library.models import CaseMatch
from ta_library.selectors.case_profile import case_profile, case_profile_queryset

# key, attorney, alert frequency, closed?, new resources waiting
STATES = [
    ("guatemala-dv", "attorney@example.org", AlertFrequency.WEEKLY, False, 3),
    ("honduras-gangs", "attorney@example.org", AlertFrequency.DAILY, False, 2),
    ("el-salvador-political", "attorney@example.org", AlertFrequency.OFF, False, 0),
    ("mexico-lgbtq", "attorney2@example.org", AlertFrequency.WEEKLY, True, 0),
]


def load(log) -> None:
    now = timezone.now()
    index = catalogue_index()
    waiting = 0
    for key, email, frequency, closed, new in STATES:
        case = demo_case(key, email)
        if case is None:
            log(f"alerts: demo case {key} missing; skipped")
            continue
        Case.objects.filter(pk=case.pk).update(
            alert_frequency=frequency, closed_at=now if closed else None
        )
        if not new:
            continue
        profile = case_profile(case_profile_queryset().get(pk=case.pk), index)
        newest = index.in_order(index.curated(profile) & index.attorney_audience, 0, new + 2)
        # The two oldest of these were in last week's digest; the newest are waiting.
        for place, resource_id in enumerate(newest):
            sent = place >= new
            CaseMatch.objects.get_or_create(
                case=case,
                resource_id=resource_id,
                defaults={
                    "matched_at": now - datetime.timedelta(days=8 + place if sent else place),
                    "digested_at": now - datetime.timedelta(days=7) if sent else None,
                },
            )
            waiting += not sent
    attorney_case = demo_case("guatemala-dv", "attorney@example.org")
    if attorney_case is not None:
        last_week = now - datetime.timedelta(days=7)
        Digest.objects.get_or_create(
            user=attorney_case.attorney,
            frequency=AlertFrequency.WEEKLY,
            period=period_of(AlertFrequency.WEEKLY, timezone.localdate(last_week)),
            defaults={
                "created_at": last_week,
                "sent_at": last_week,
                "resources": 2,
                "cases": 1,
            },
        )
    log(f"alerts: {waiting} new resources waiting in demo attorneys' alert lists")
