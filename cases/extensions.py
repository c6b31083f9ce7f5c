"""What apps built on cases add to the case pages and keep in step with a case, without
cases importing them.

Dependencies point one way (taxonomy <- cases <- outcomes <- documents, insights): the case
list rows show the latest outcome and the case record lists outcomes and documents, so those
apps register here, from their AppConfig.ready(), what the case selectors then apply. The
queries are the same as if cases named them itself: one annotation per list, one prefetch
each.

Who registers what: outcomes (summary, record), documents (record), insights (the record's
"similar cases" panel, and the outcome facts that follow a case: `case_counts_changed`).
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
# case -> {name: value}: what the case record page shows from other apps (case_detail).
record_context: list[Callable[[object], dict]] = []
# (case_ids=...) -> None: what other apps count a case's outcomes under must follow its
# answers and outcomes, in the same transaction as the change (insights.services.facts_refresh).
counts_followers: list[Callable[..., None]] = []


def add_to_case_summary(annotate, label=None) -> None:
    if annotate not in summary_annotations:
        summary_annotations.append(annotate)
    if label is not None and label not in summary_labels:
        summary_labels.append(label)


def add_to_case_record(prefetch) -> None:
    if prefetch not in record_prefetches:
        record_prefetches.append(prefetch)


def add_to_case_page(context) -> None:
    if context not in record_context:
        record_context.append(context)


def case_page_context(case) -> dict:
    """The case record page's entries from the apps built on cases."""
    extra = {}
    for context in record_context:
        extra.update(context(case))
    return extra


def follow_case_counts(refresh) -> None:
    if refresh not in counts_followers:
        counts_followers.append(refresh)


def case_counts_changed(*, case_ids) -> None:
    """These cases' outcomes, or the answers they are counted under, changed: whatever is
    counted from them is made again now, inside the caller's transaction, so no page shows
    counts that disagree with the outcomes reported."""
    for refresh in counts_followers:
        refresh(case_ids=case_ids)
