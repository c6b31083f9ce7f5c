"""A simulated month of alerts: resources published day by day through the library's
services, daily and weekly digests built as the beat would, emails read from the outbox."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail

from alerts.models import Digest
from alerts.tasks import build_digests
from cases.models import AlertFrequency, Case
from cases.services import case_close
from ta_library import services
from ta_library.models import CaseMatch, LibraryVisit
from taxonomy.models import PersecutionType
from tests.cases.factories import CaseFactory
from tests.ta_library.factories import ResourceFactory

pytestmark = pytest.mark.django_db

LA = ZoneInfo("America/Los_Angeles")
START = datetime.datetime(2026, 3, 2, 8, 0, tzinfo=LA)  # a Monday
GENERAL_DAY, CLOSING_DAY, SEEN_DAY = 10, 3, 17


def at(day: int, hour: int, minute: int = 0) -> datetime.datetime:
    return (START + datetime.timedelta(days=day)).replace(hour=hour, minute=minute)


@pytest.fixture
def month(users, make_user, taxonomy_terms, django_capture_on_commit_callbacks):
    a, b = users["attorney"], make_user("attorney")
    dv = PersecutionType.objects.get(slug="domestic-violence")
    gang = PersecutionType.objects.get(slug="gang-violence")
    log = []
    with time_machine.travel(at(0, 8), tick=False) as traveller:
        cases = {
            "weekly": CaseFactory(attorney=a, persecution_types=[dv]),
            "daily": CaseFactory(attorney=a, persecution_types=[gang], alert_frequency="daily"),
            "closed": CaseFactory(attorney=a, persecution_types=[dv]),
            "idle": CaseFactory(attorney=a, persecution_types=[dv]),
            "b": CaseFactory(attorney=b, persecution_types=[dv]),
        }
        # Submitted 200 days ago; nobody has opened its library since.
        Case.objects.filter(pk=cases["idle"].pk).update(
            created_at=at(0, 8) - datetime.timedelta(days=200)
        )
        for day in range(29):
            traveller.move_to(at(day, 10))
            if day == GENERAL_DAY:
                resource = ResourceFactory(is_published=False, relevant_to_every_case=True)
            else:
                tag = dv if day % 2 == 0 else gang
                resource = ResourceFactory(is_published=False, persecution_types=[tag])
            with django_capture_on_commit_callbacks(execute=True):
                services.resources_set_published(resource_ids=[resource.pk], published=True)
            traveller.move_to(at(day, 11))
            if day == CLOSING_DAY:
                case_close(case=cases["closed"], changed_by=a)
            if day == SEEN_DAY:
                LibraryVisit.objects.create(user=a, case=cases["daily"], last_seen_at=at(day, 11))
            traveller.move_to(at(day, 12))
            with django_capture_on_commit_callbacks(execute=True):
                build_digests(AlertFrequency.DAILY)
                if day == 1:  # the beat firing twice changes nothing
                    assert build_digests(AlertFrequency.DAILY) == []
            if day % 7 == 0:
                traveller.move_to(at(day, 12, 30))
                with django_capture_on_commit_callbacks(execute=True):
                    build_digests(AlertFrequency.WEEKLY)
    for digest in Digest.objects.order_by("created_at", "user_id"):
        day = (digest.created_at.astimezone(LA).date() - START.date()).days
        who = "a" if digest.user == a else "b"
        log.append((day, who, digest.frequency, digest.resources, digest.cases, digest.idle_cases))
    return {"a": a, "b": b, "cases": cases, "log": log}


def test_daily_and_weekly_digests_hold_exactly_the_new_matches(month):
    daily_days = sorted({*range(1, 29, 2), GENERAL_DAY} - {SEEN_DAY})
    expected = [(day, "a", "daily", 1, 1, 0) for day in daily_days]
    # Weekly, on Mondays: A's first one counts the week's first resource in three cases
    # (weekly, closed, idle) and warns about the idle case; then the idle and the closed
    # case are out. B hears about B's own case only.
    weekly = {0: (1, 3, 1), 7: (3, 1, 0), 14: (4, 1, 0), 21: (3, 1, 0), 28: (4, 1, 0)}
    for day, (resources, cases, idle) in weekly.items():
        expected.append((day, "a", "weekly", resources, cases, idle))
        expected.append((day, "b", "weekly", resources, 1, 0))
    assert sorted(month["log"]) == sorted(expected)


def test_nothing_twice_and_nothing_for_a_closed_or_idle_case(month):
    cases = month["cases"]
    # Every match of a live case was reported once (digested_at set by exactly one run).
    for name in ("weekly", "daily", "b"):
        assert not CaseMatch.objects.filter(case=cases[name], digested_at__isnull=True).exists()
    reported = sum(row[3] for row in month["log"] if row[1] == "a" and row[2] == "weekly")
    assert reported == 15  # the resources of the even days 0-28 and the general one
    # The closed case: nothing recorded after it was closed.
    closed = CaseMatch.objects.filter(case=cases["closed"])
    assert {m.matched_at.astimezone(LA).day for m in closed} == {2, 4}
    # The idle case: warned in the first digest, then silent although resources matched.
    idle = CaseMatch.objects.filter(case=cases["idle"])
    assert idle.filter(digested_at__isnull=False).count() == 1
    assert idle.filter(digested_at__isnull=True).count() == 14


def test_each_digest_is_one_email_to_its_person_naming_no_case(month):
    a, b, cases = month["a"], month["b"], month["cases"]
    assert (
        len(mail.outbox)
        == len(month["log"])
        == Digest.objects.filter(sent_at__isnull=False).count()
    )
    for message in mail.outbox:
        assert message.to in ([a.email], [b.email])
        text = message.body + message.alternatives[0][0] + message.subject
        for case in cases.values():
            assert str(case.number) not in text
        assert "Guatemala" not in text and "violence" not in text.lower()
        assert "/alerts/" in text
        unsubscribe = message.extra_headers["List-Unsubscribe"]
        assert re.fullmatch(r"<http://[^>]+/alerts/unsubscribe/[^/]+/>", unsubscribe)
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    to_b = [m for m in mail.outbox if m.to == [b.email]]
    assert len(to_b) == 5


def test_the_digest_follows_the_persons_language(users, django_capture_on_commit_callbacks):
    from tests.alerts.factories import match

    attorney = users["attorney"]
    attorney.preferred_language = "es"
    attorney.save(update_fields=["preferred_language"])
    case = CaseFactory(attorney=attorney)
    match(case)
    match(case)
    with django_capture_on_commit_callbacks(execute=True):
        build_digests(AlertFrequency.WEEKLY)
    (message,) = mail.outbox
    assert "2 recursos nuevos para sus casos" in message.subject
    assert "coinciden con 1 de sus casos abiertos" in message.body
    assert 'lang="es"' in message.alternatives[0][0]
