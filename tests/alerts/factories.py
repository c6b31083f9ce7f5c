"""Helpers for alert tests: a match as the matcher records it."""

from django.utils import timezone

from ta_library.models import CaseMatch
from tests.ta_library.factories import ResourceFactory


def match(case, resource=None, *, at=None):
    """Record that `resource` (a new published one by default) came into `case`'s library."""
    resource = resource or ResourceFactory(relevant_to_every_case=True)
    return CaseMatch.objects.create(case=case, resource=resource, matched_at=at or timezone.now())
