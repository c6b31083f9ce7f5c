"""Building the digests: who gets one this period, and what it says.

The rules (each in one place, here):
- a case alerts when it is open (no closed_at), its alert_frequency is this digest's, and it
  has not been stopped as idle;
- a case is idle when nobody has opened its library, and its alerts were not turned on,
  in IDLE_AFTER (and since it was created). An idle case's next digest warns about it (and
  still reports its matches); after that warning it stops, until someone opens its library
  or the attorney turns its alerts on again;
- a digest reports the matches (ta_library.models.CaseMatch) not yet reported that the
  attorney has not seen: recorded after their last visit to that case's library;
- at most one digest per person, frequency and period (alerts.models.Digest's constraint).

Set-based: a few statements whatever the number of attorneys, all in one transaction with
the outbox rows of the send tasks, so a digest is either built, marked and queued, or not
at all (see alerts.tasks.build_digests).
"""

from __future__ import annotations

import datetime

from django.db import connection, transaction
from django.utils import timezone

from alerts.models import Digest
from cases.models import AlertFrequency, Case
from ta_library.models import CaseMatch, LibraryVisit

IDLE_AFTER = datetime.timedelta(days=180)


def period_of(frequency: str, day: datetime.date) -> datetime.date:
    """The period a digest sent on `day` reports on: the day, or its week's Monday."""
    if frequency == AlertFrequency.WEEKLY:
        return day - datetime.timedelta(days=day.weekday())
    return day


@transaction.atomic
def digests_build(*, frequency: str, now: datetime.datetime | None = None) -> list[int]:
    """Create this period's digests of `frequency` for everyone who has something to hear
    about and mark what they report. Returns the new digests' ids: the caller queues their
    emails in the same transaction (alerts.tasks.build_digests)."""
    if frequency not in (AlertFrequency.DAILY, AlertFrequency.WEEKLY):
        raise ValueError(f"no digests for alert frequency {frequency!r}")
    now = now or timezone.now()
    period = period_of(frequency, timezone.localdate(now))
    cases, matches, visits = (
        Case._meta.db_table,
        CaseMatch._meta.db_table,
        LibraryVisit._meta.db_table,
    )
    params = {"frequency": frequency, "idle_before": now - IDLE_AFTER, "now": now}
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS alert_cases, alert_pending")
        # The cases that alert this period, whether each is idle, and when the attorney
        # last opened its library. Only table names from the models go into the SQL.
        cursor.execute(
            f"""
            CREATE TEMP TABLE alert_cases AS
            SELECT c.id, c.attorney_id, a.active_at < %(idle_before)s AS idle,
                   coalesce(own.last_seen_at, '-infinity') AS seen_at
            FROM {cases} c
            CROSS JOIN LATERAL (
                SELECT greatest(c.created_at, c.alert_since, max(v.last_seen_at)) AS active_at
                FROM {visits} v WHERE v.case_id = c.id
            ) a
            LEFT JOIN {visits} own ON own.case_id = c.id AND own.user_id = c.attorney_id
            WHERE c.closed_at IS NULL AND c.alert_frequency = %(frequency)s
              AND NOT (a.active_at < %(idle_before)s
                       AND c.alert_idle_warned_at IS NOT NULL
                       AND c.alert_idle_warned_at > a.active_at)
            """,  # noqa: S608
            params,
        )
        # The matches not yet reported, fixed now: a match recorded while this runs waits
        # for the next digest rather than being marked without being counted.
        cursor.execute(
            f"""
            CREATE TEMP TABLE alert_pending AS
            SELECT m.id, m.case_id, m.resource_id, ac.attorney_id,
                   m.matched_at > ac.seen_at AS unseen
            FROM alert_cases ac JOIN {matches} m ON m.case_id = ac.id
            WHERE m.digested_at IS NULL
            """,  # noqa: S608
        )
        cursor.execute(
            f"""
            INSERT INTO {Digest._meta.db_table}
                (user_id, frequency, period, created_at, sent_at, resources, cases, idle_cases)
            SELECT ac.attorney_id, %(frequency)s, %(period)s, %(now)s, NULL,
                   count(DISTINCT p.resource_id) FILTER (WHERE p.unseen),
                   count(DISTINCT p.case_id) FILTER (WHERE p.unseen),
                   count(DISTINCT ac.id) FILTER (WHERE ac.idle)
            FROM alert_cases ac LEFT JOIN alert_pending p ON p.case_id = ac.id
            GROUP BY ac.attorney_id
            HAVING count(p.id) FILTER (WHERE p.unseen) > 0 OR bool_or(ac.idle)
            ON CONFLICT (user_id, frequency, period) DO NOTHING
            RETURNING id, user_id
            """,  # noqa: S608
            {**params, "period": period},
        )
        created = cursor.fetchall()
        digest_ids = [row[0] for row in created]
        users = [row[1] for row in created]
        # Reported now, or already seen in the library: neither is reported again.
        cursor.execute(
            f"""
            UPDATE {matches} m SET digested_at = %(now)s FROM alert_pending p
            WHERE m.id = p.id AND (p.attorney_id = ANY(%(users)s) OR NOT p.unseen)
            """,  # noqa: S608
            {**params, "users": users},
        )
        cursor.execute(
            f"""
            UPDATE {cases} c SET alert_idle_warned_at = %(now)s FROM alert_cases ac
            WHERE c.id = ac.id AND ac.idle AND ac.attorney_id = ANY(%(users)s)
            """,  # noqa: S608
            {**params, "users": users},
        )
        cursor.execute("DROP TABLE alert_cases, alert_pending")
    return digest_ids
