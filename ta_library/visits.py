"""The "new since your last visit" rule for one person and one case's library.

A case library marks a resource new when it came after the end of the reader's previous
sitting (visits closer together than VISIT_GAP are one sitting, so reloading or filtering
keeps the markers); ta_library.services.visit_record moves the sitting along. The alerts'
list page (alerts.selectors.new_resources) uses the same threshold, in SQL, so the list and
the markers agree.
"""

from __future__ import annotations

import datetime

from ta_library.models import LibraryVisit

# Visits closer together than this are one sitting: "new since your last visit" compares
# with the end of the previous sitting, so reloading or filtering keeps the markers.
VISIT_GAP = datetime.timedelta(minutes=30)
# How stale last_seen_at may get before a page load writes it again.
VISIT_REFRESH = datetime.timedelta(minutes=5)


def new_since_sql(now_param: str, user_param: str, case_column: str) -> str:
    """SQL for the threshold `visit_record` returns for that person and case at `now`
    (read before its write): the end of the previous sitting; '-infinity' on a first visit
    (everything recorded for the case is new). Parameters, in this order: now, the user id."""
    visits = LibraryVisit._meta.db_table
    gap = int(VISIT_GAP.total_seconds())
    return (
        "coalesce((SELECT CASE WHEN v.last_seen_at < "  # noqa: S608
        f"{now_param}::timestamptz - interval '{gap} seconds' THEN v.last_seen_at "
        f"ELSE v.previous_seen_at END FROM {visits} v "
        f"WHERE v.user_id = {user_param} AND v.case_id = {case_column}), '-infinity')"
    )
