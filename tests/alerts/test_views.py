"""The alert pages: the list the digest links to, the settings, unsubscribing."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from alerts.tokens import unsubscribe_token
from cases.models import AlertDefault, AlertFrequency, Case
from ta_library.models import LibraryVisit
from taxonomy.models import PersecutionType
from tests.alerts.factories import match
from tests.cases.factories import CaseFactory
from tests.ta_library.factories import ResourceFactory

pytestmark = pytest.mark.django_db

LIST_QUERIES = 4  # the matches, the cases with their profiles, the catalogue version, resources


def _own_queries(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    own = ("cases_", "ta_library_", "alerts_")
    return sum(any(t in q["sql"] for t in own) for q in queries)


def test_the_list_shows_each_cases_new_resources_newest_first_with_why(
    attorney_client, users, taxonomy_terms
):
    dv = PersecutionType.objects.get(slug="domestic-violence")
    case = CaseFactory(attorney=users["attorney"], persecution_types=[dv])
    older = match(case, ResourceFactory(title="Older brief", persecution_types=[dv]))
    newer = match(case, ResourceFactory(title="Newer advisory", relevant_to_every_case=True))
    older.matched_at = timezone.now() - datetime.timedelta(hours=2)
    older.save()
    body = attorney_client.get(reverse("alerts:new_resources")).content.decode()
    assert f"Case {case.number}" in body
    assert body.index("Newer advisory") < body.index("Older brief")
    assert "Relevant to every case" in body and "Domestic violence" in body
    assert newer.resource.title in body


def test_the_list_and_the_librarys_new_marks_agree(attorney_client, users, taxonomy_terms):
    """What the list shows is what the case's library marks "new since your last visit"; once
    the library has been read (a later sitting), neither shows it."""
    case = CaseFactory(attorney=users["attorney"])
    old = ResourceFactory(title="Retagged old advisory", relevant_to_every_case=True)
    seen = ResourceFactory(title="Seen before", relevant_to_every_case=True)
    match(case, seen, at=timezone.now() - datetime.timedelta(days=3))
    LibraryVisit.objects.create(
        user=users["attorney"], case=case, last_seen_at=timezone.now() - datetime.timedelta(days=2)
    )
    match(case, old)  # first published in 2020, but it came into this library just now
    listed = attorney_client.get(reverse("alerts:new_resources")).content.decode()
    assert "Retagged old advisory" in listed and "Seen before" not in listed
    library = attorney_client.get(reverse("ta_library:case_library", args=[case.number]))
    cards = library.content.decode().split('<li class="card library-card">')[1:]
    marked = {c.split("</a></h3>")[0].rsplit(">", 1)[1] for c in cards if "New since your" in c}
    assert marked == {"Retagged old advisory"}
    # A later sitting: the visit moved on, both now say nothing is new.
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=2)):
        attorney_client.get(reverse("ta_library:case_library", args=[case.number]))
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=4)):
        listed = attorney_client.get(reverse("alerts:new_resources")).content.decode()
        assert "Retagged old advisory" not in listed


def test_the_list_shows_no_other_attorneys_case_nor_a_closed_one(
    attorney_client, users, make_user, taxonomy_terms
):
    others = CaseFactory(attorney=make_user("attorney"), notes="ZQX-SENTINEL")
    match(others, ResourceFactory(title="For someone else"))
    closed = CaseFactory(attorney=users["attorney"], closed_at=timezone.now())
    match(closed, ResourceFactory(title="For a closed case"))
    body = attorney_client.get(reverse("alerts:new_resources")).content.decode()
    assert str(others.number) not in body and "For someone else" not in body
    assert "For a closed case" not in body and "ZQX-SENTINEL" not in body
    assert "Nothing new" in body


def test_the_list_costs_the_same_at_1_and_30_cases(attorney_client, users, taxonomy_terms):
    case = CaseFactory(attorney=users["attorney"])
    match(case)
    url = reverse("alerts:new_resources")
    at_one = _own_queries(attorney_client, url)
    for _ in range(29):
        other = CaseFactory(attorney=users["attorney"])
        match(other)
        match(other)
    assert _own_queries(attorney_client, url) == at_one == LIST_QUERIES


def test_a_get_of_the_unsubscribe_link_changes_nothing(client, users):
    case = CaseFactory(attorney=users["attorney"])
    url = reverse("alerts:unsubscribe", args=[unsubscribe_token(users["attorney"].pk)])
    for _ in range(3):  # link scanners, previews, the person
        response = client.get(url)
        assert response.status_code == 200
        assert b"Turn off case alerts" in response.content
    assert Case.objects.get(pk=case.pk).alert_frequency == AlertFrequency.WEEKLY
    assert not AlertDefault.objects.exists()


def test_the_button_and_one_click_turn_every_case_off(users, make_user):
    attorney = users["attorney"]
    cases = [CaseFactory(attorney=attorney, alert_frequency=f) for f in ("daily", "weekly")]
    bystander = CaseFactory(attorney=make_user("attorney"))
    url = reverse("alerts:unsubscribe", args=[unsubscribe_token(attorney.pk)])
    # A mail client's RFC 8058 one-click POST carries no CSRF token: the signed link is it.
    response = Client(enforce_csrf_checks=True).post(
        url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert b"Alerts are off" in response.content
    for case in cases:
        assert Case.objects.get(pk=case.pk).alert_frequency == AlertFrequency.OFF
    assert Case.objects.get(pk=bystander.pk).alert_frequency == AlertFrequency.WEEKLY
    # And the cases submitted later start off too.
    assert AlertDefault.objects.get(attorney=attorney).frequency == AlertFrequency.OFF


@pytest.mark.parametrize("token", ["expired", "forged", "tampered"])
def test_a_bad_or_expired_token_changes_nothing(client, users, token):
    case = CaseFactory(attorney=users["attorney"])
    good = unsubscribe_token(users["attorney"].pk)
    if token == "expired":
        with time_machine.travel(timezone.now() - datetime.timedelta(days=61)):
            value = unsubscribe_token(users["attorney"].pk)
    else:
        value = {"forged": "12345", "tampered": good[:-2] + "xx"}[token]
    response = client.post(reverse("alerts:unsubscribe", args=[value]))
    assert response.status_code == 400
    assert b"not valid any more" in response.content
    assert Case.objects.get(pk=case.pk).alert_frequency == AlertFrequency.WEEKLY


def test_the_case_record_sets_alerts_and_closes_and_reopens(attorney_client, users):
    case = CaseFactory(attorney=users["attorney"], alert_frequency="off")
    record = reverse("cases:detail", args=[case.number])
    assert b'id="alert-off" checked' in attorney_client.get(record).content
    response = attorney_client.post(
        reverse("alerts:case", args=[case.number]), {"alert_frequency": "daily"}
    )
    assert response["Location"] == record
    case.refresh_from_db()
    assert case.alert_frequency == "daily" and case.alert_since is not None
    assert (
        attorney_client.post(
            reverse("alerts:case", args=[case.number]), {"alert_frequency": "hourly"}
        ).status_code
        == 302
    )
    assert Case.objects.get(pk=case.pk).alert_frequency == "daily"
    attorney_client.post(reverse("cases:close", args=[case.number]))
    body = attorney_client.get(record).content.decode()
    assert "it sends no alerts" in body and "Closed" in body
    attorney_client.post(reverse("cases:reopen", args=[case.number]))
    assert Case.objects.get(pk=case.pk).closed_at is None


def test_my_account_sets_every_open_case_and_new_cases(
    attorney_client, users, intake_data, taxonomy_terms
):
    cases = [CaseFactory(attorney=users["attorney"], alert_frequency="off") for _ in range(2)]
    closed = CaseFactory(attorney=users["attorney"], closed_at=timezone.now())
    page = attorney_client.get(reverse("accounts:my_account")).content.decode()
    assert "Alerts are off for all 2 of your open cases." in page
    attorney_client.post(reverse("alerts:all_cases"), {"alert_frequency": "daily"})
    assert {Case.objects.get(pk=c.pk).alert_frequency for c in cases} == {"daily"}
    assert Case.objects.get(pk=closed.pk).alert_frequency == "weekly"
    response = attorney_client.post(reverse("cases:intake"), intake_data())
    assert response.status_code == 302
    newest = Case.objects.filter(attorney=users["attorney"]).latest("created_at")
    assert newest.alert_frequency == "daily"
    page = attorney_client.get(reverse("accounts:my_account")).content.decode()
    assert "All 3 of your open cases alert daily." in page


def test_an_unappealed_final_outcome_closes_the_case(attorney_client, users, taxonomy_terms):
    from outcomes.services import outcome_create

    case = CaseFactory(attorney=users["attorney"])
    outcome_create(
        case=case,
        reporter=users["attorney"],
        decided_on=datetime.date(2026, 1, 5),
        adjudicator_level="immigration_judge",
        decision="granted_asylum",
        appeal="not_appealed",
    )
    assert Case.objects.get(pk=case.pk).closed_at is not None
