"""Reads of cases that carry rules: who may see which case, and lists with constant queries."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django_countries import countries

from audit.models import AuditAction
from audit.services import fetch_audited_or_404
from cases import extensions
from cases.models import CASE_NUMBER_MAX, CASE_NUMBER_MIN, Case, CaseChange


def cases_with_summary(queryset: QuerySet[Case]) -> QuerySet[Case]:
    """Cases with what a list row shows, in one query: the stage, and what other apps add
    (outcomes: the latest decision and whether there is one; see cases.extensions)."""
    queryset = queryset.select_related("procedural_stage")
    for annotate in extensions.summary_annotations:
        queryset = annotate(queryset)
    return queryset


def label_latest_outcomes(cases) -> list[Case]:
    """Attach display labels for list rows: the country name and what other apps add (the
    latest decision). No queries; country names are translated once per list, not per row."""
    cases = list(cases)
    country_names = dict(countries)
    for case in cases:
        case.country_name = country_names.get(case.country_of_origin.code, "")
        for label in extensions.summary_labels:
            label(case)
    return cases


def cases_for_attorney(user) -> QuerySet[Case]:
    """An attorney's own cases, most recently changed first."""
    # SECURITY: scoped by owner in the query itself (S2).
    return cases_with_summary(Case.objects.filter(attorney=user)).order_by("-updated_at", "-id")


def cases_for_staff() -> QuerySet[Case]:
    return cases_with_summary(Case.objects.select_related("attorney")).order_by(
        "-created_at", "-id"
    )


def case_record_queryset(queryset: QuerySet[Case]) -> QuerySet[Case]:
    """Everything the case record shows, in a fixed number of queries."""
    # Other apps' parts (outcomes, documents) are registered in cases.extensions.
    return queryset.select_related("procedural_stage", "attorney").prefetch_related(
        "persecution_types",
        "protection_types",
        "deadlines",
        Prefetch("changes", queryset=CaseChange.objects.select_related("changed_by")),
        *(prefetch() for prefetch in extensions.record_prefetches),
    )


def fetch_case(
    request,
    number: int,
    *,
    action: str = AuditAction.READ,
    queryset: QuerySet[Case] | None = None,
    owner_only: bool = True,
) -> Case:
    """The case with this number if the signed-in person may see it, else 404.

    Writes exactly one audit row (allowed or denied) per call: call it once per request.
    `owner_only` keeps the attorney pages to the attorney's own cases even for staff, who
    read cases through the staff views instead.
    """
    base = queryset if queryset is not None else Case.objects.all()
    # SECURITY: the scoped fetch is the authorization; another attorney's number is a 404 (S2).
    visible = base.for_user(request.user)
    if owner_only:
        visible = visible.filter(attorney=request.user)
    if not CASE_NUMBER_MIN <= number <= CASE_NUMBER_MAX:
        visible = visible.none()  # no query for a number no case can have
    return fetch_audited_or_404(
        visible,
        actor=request.user,
        object_type="case",
        object_id=number,
        action=action,
        number=number,
    )


def visible_case_number(user, raw: str | None) -> int | None:
    """`raw` (a ?case= parameter) as a case number when `user` may see that case, else None.

    For "back to this case's library" links: it shows nothing about the case but its number,
    so it writes no audit row; another attorney's number gives None, as an unknown one does.
    """
    if not raw or not raw.isdigit() or len(raw) > len(str(CASE_NUMBER_MAX)):
        return None
    number = int(raw)
    if not CASE_NUMBER_MIN <= number <= CASE_NUMBER_MAX:
        return None
    # SECURITY: the scoped queryset decides; never a case the person cannot open.
    return (
        Case.objects.for_user(user).filter(number=number).values_list("number", flat=True).first()
    )
