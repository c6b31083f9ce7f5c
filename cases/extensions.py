"""What apps built on cases add to the case pages, without cases importing them.

Dependencies point one way (taxonomy <- cases <- outcomes <- documents): the case list rows
show the latest outcome and the case record lists outcomes and documents, so those apps
register here, from their AppConfig.ready(), what the case selectors then apply. The queries
are the same as if cases named them itself: one annotation per list, one prefetch each.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Prefetch, QuerySet

# queryset -> queryset: annotations a case list row shows (cases_with_summary).
summary_annotations: list[Callable[[QuerySet], QuerySet]] = []
# case -> None: display labels set on each list row from those annotations, no queries.
summary_labels: list[Callable[[object], None]] = []
# () -> Prefetch: what the case record shows from other apps (case_record_queryset).
record_prefetches: list[Callable[[], Prefetch]] = []


def add_to_case_summary(annotate, label=None) -> None:
    if annotate not in summary_annotations:
        summary_annotations.append(annotate)
    if label is not None and label not in summary_labels:
        summary_labels.append(label)


def add_to_case_record(prefetch) -> None:
    if prefetch not in record_prefetches:
        record_prefetches.append(prefetch)
