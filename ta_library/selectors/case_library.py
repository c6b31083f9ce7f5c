"""A case's library page: the case (fetched through cases.fetch_case, the authorization)
with the library's state for its reader, and the page of resources curated to it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import BigIntegerField, DateTimeField, QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone

from cases.models import Case
from cases.selectors import fetch_case
from ta_library.index import catalogue_index
from ta_library.models import CaseMatch, CatalogueVersion, LibraryVisit
from ta_library.selectors.case_profile import case_profile, case_profile_queryset
from ta_library.selectors.keyword import lexicon_expression
from ta_library.selectors.library_page import LibraryPage, library_page
from ta_library.visits import new_since_sql


@dataclass(frozen=True)
class CaseLibraryState:
    """What a case's library page reads besides the case itself: the catalogue version
    (ta_library.index.catalogue_index), the reader's last visit to this case's library
    ((previous_seen_at, last_seen_at), both None before a first visit: see
    services.visit_record), the resources that came into the library since that visit
    (what the alerts report), and the keyword query's lexicon (None without `q`: see
    search.lexicon_expression)."""

    catalogue_version: int
    last_visit: tuple[datetime.datetime | None, datetime.datetime | None]
    new_match_ids: frozenset[int]
    lexicon: str | None = None


# The columns of CaseLibraryState on the case query, taken off the case again once read.
_STATE_PREFIX = "library_state_"


def _case_library_queryset(user, params) -> QuerySet[Case]:
    """case_profile_queryset plus the library's state for `user` (CaseLibraryState), as
    columns of the same query: the page costs no query more than the case fetch for them."""
    table = Case._meta.db_table
    visits = LibraryVisit._meta.db_table

    def visit(column: str) -> RawSQL:
        # The user's id is a parameter; the rest are table and column names.
        return RawSQL(  # noqa: S611
            f"SELECT v.{column} FROM {visits} v "  # noqa: S608
            f"WHERE v.user_id = %s AND v.case_id = {table}.id",
            (user.pk,),
            output_field=DateTimeField(),
        )

    queryset = case_profile_queryset()
    lexicon = lexicon_expression(params)
    if lexicon is not None:
        queryset = queryset.annotate(**{f"{_STATE_PREFIX}lexicon": lexicon})
    matches = CaseMatch._meta.db_table
    return queryset.annotate(
        **{
            # Resources that came into the library since the reader's last sitting (what
            # the alerts report): marked new like newly published ones (ta_library.visits).
            f"{_STATE_PREFIX}new_match_ids": RawSQL(  # noqa: S611
                f"ARRAY(SELECT m.resource_id FROM {matches} m WHERE m.case_id = {table}.id "  # noqa: S608
                f"AND m.matched_at > {new_since_sql('%s', '%s', f'{table}.id')})",
                (timezone.now(), user.pk),
            ),
            f"{_STATE_PREFIX}catalogue_version": RawSQL(  # noqa: S611
                f"coalesce((SELECT c.version FROM {CatalogueVersion._meta.db_table} c "  # noqa: S608
                "WHERE c.id = 1), 0)",
                (),
                output_field=BigIntegerField(),
            ),
            f"{_STATE_PREFIX}previous_seen_at": visit("previous_seen_at"),
            f"{_STATE_PREFIX}last_seen_at": visit("last_seen_at"),
        }
    )


def case_library_fetch(request, number: int) -> tuple[Case, CaseLibraryState]:
    """The case with this number if the signed-in person may open its library (else 404),
    and the library's state for them.

    cases.fetch_case is the authorization and writes the audit row; the state's columns
    ride in its one query (a query of their own would cost the page one more), and are
    taken off the case here, so the case carries only its own data."""
    # SECURITY: fetch_case is the authorization (another attorney's number is a 404) and
    # writes the audit row for this read of the case; staff may open any case's library.
    case = fetch_case(
        request,
        number,
        queryset=_case_library_queryset(request.user, request.GET),
        owner_only=False,
    )

    def take(name: str):
        return vars(case).pop(f"{_STATE_PREFIX}{name}", None)

    state = CaseLibraryState(
        catalogue_version=take("catalogue_version"),
        last_visit=(take("previous_seen_at"), take("last_seen_at")),
        new_match_ids=frozenset(take("new_match_ids") or ()),
        lexicon=take("lexicon"),
    )
    return case, state


def case_library_page(
    *,
    case: Case,
    state: CaseLibraryState,
    params,
    whole_library: bool,
    new_since: datetime.datetime | None,
) -> LibraryPage:
    """One page of a case's library (from case_library_fetch): the resources curated to the
    case, or with `whole_library` all attorney material, each card saying why it matches
    the case and whether it is new since `new_since` (services.visit_record) or came into
    the case's library since (CaseLibraryState.new_match_ids).

    Queries: the page's rows, plus keyword search's own match (state.lexicon saves it the
    lexicon's); the catalogue version came with the case."""
    index = catalogue_index(version=state.catalogue_version)
    profile = case_profile(case, index)
    base = index.attorney_audience
    if not whole_library:
        base = base & index.curated(profile)
    return library_page(
        index=index,
        base=base,
        params=params,
        profile=profile,
        new_since=new_since,
        new_ids=state.new_match_ids,
        lexicon=state.lexicon,
        # Nothing curated to the case matches: say what the whole library has.
        whole_library=None if whole_library else index.attorney_audience,
    )
