"""Digest emails about new resources in attorneys' open cases.

What matched is recorded by the library (ta_library.models.CaseMatch, once per case and
resource); a Digest is one email that reported some of those matches.
"""

from django.conf import settings
from django.db import models

from cases.models import AlertFrequency


class Digest(models.Model):
    """One digest email. At most one per person, frequency and period (the unique
    constraint); created, with the matches it reports marked digested, in the same
    transaction as its send task goes into the outbox (alerts.digests.digests_build)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    frequency = models.CharField(max_length=8, choices=AlertFrequency.choices)
    # The day (daily digests) or the Monday of the week (weekly digests) it reports on.
    period = models.DateField()
    created_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    # What the email says: only counts, never which cases (no client detail in email).
    resources = models.PositiveIntegerField(default=0)
    cases = models.PositiveIntegerField(default=0)
    idle_cases = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "frequency", "period"], name="digest_once_per_person_and_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.frequency} digest {self.period} for user {self.user_id}"
