"""Reads of the redaction workflow that carry rules."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from redaction.models import ProposalDecision, Redaction


def workbench_redaction(document) -> QuerySet[Redaction]:
    """The record with its proposal counts, in one query."""
    return Redaction.objects.filter(document=document).annotate(
        pending_count=Count("proposals", filter=Q(proposals__decision=ProposalDecision.PENDING)),
        accepted_count=Count("proposals", filter=Q(proposals__decision=ProposalDecision.ACCEPTED)),
    )
