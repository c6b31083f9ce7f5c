"""SECURITY S12: one audit row per case read or write, allowed or denied; rows are immutable."""

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from audit.models import AuditEvent
from audit.services import audit_record
from tests.cases.factories import CaseFactory

pytestmark = pytest.mark.django_db


def test_an_audit_row_cannot_be_updated_or_deleted(users):
    event = audit_record(
        actor=users["attorney"], object_type="case", object_id=12345, action="read", allowed=True
    )
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(result="denied")
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE audit_auditevent SET object_id = '0' WHERE id = %s", [event.pk])
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()
    event.refresh_from_db()
    assert (event.result, event.object_id) == ("allowed", "12345")


def test_an_audit_table_truncate_is_refused(users):
    audit_record(
        actor=users["attorney"], object_type="case", object_id=12345, action="read", allowed=True
    )
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        # What every session but the test suite's teardown has: the setting unset.
        cursor.execute("SET LOCAL cgrs.allow_audit_truncate = ''")
        cursor.execute("TRUNCATE audit_auditevent")
    assert AuditEvent.objects.count() == 1


@pytest.mark.parametrize(
    ("principal", "status"),
    [("anonymous", 302), ("pro_se", 403), ("expert", 403), ("clinic", 403)],
)
@pytest.mark.parametrize(
    ("url_name", "method"),
    [
        ("cases:detail", "get"),
        ("cases:edit", "post"),
        ("outcomes:create", "get"),
        ("ta_library:case_library", "get"),
        ("documents:add", "post"),
    ],
)
def test_a_case_url_refused_by_role_writes_one_denied_row(
    client_for, users, principal, status, url_name, method
):
    case = CaseFactory(attorney=users["attorney"])
    url = reverse(url_name, kwargs={"number": case.number})
    response = getattr(client_for(principal), method)(url)
    assert response.status_code == status
    role = "anonymous" if principal == "anonymous" else principal
    action = "read" if method == "get" else "update"
    assert _events() == [(role, str(case.number), action, "denied")]


def test_an_unverified_attorney_refused_a_case_writes_one_denied_row(make_user):
    from django.test import Client

    attorney = make_user("attorney", verified=False)
    case = CaseFactory(attorney=attorney)
    client = Client()
    client.force_login(attorney)
    assert client.get(reverse("cases:detail", kwargs={"number": case.number})).status_code == 302
    assert _events() == [("attorney", str(case.number), "read", "denied")]


def _events():
    return list(AuditEvent.objects.values_list("actor_role", "object_id", "action", "result"))


def test_reading_an_own_case_record_writes_exactly_one_allowed_row(attorney_client, users):
    case = CaseFactory(attorney=users["attorney"])
    attorney_client.get(reverse("cases:detail", args=[case.number]))
    assert _events() == [("attorney", str(case.number), "read", "allowed")]
    assert AuditEvent.objects.get().actor == users["attorney"]


def test_another_attorneys_number_writes_exactly_one_denied_row(attorney_client):
    case = CaseFactory()
    assert attorney_client.get(reverse("cases:detail", args=[case.number])).status_code == 404
    assert _events() == [("attorney", str(case.number), "read", "denied")]


def test_a_number_that_does_not_exist_is_a_denied_read(attorney_client):
    attorney_client.get("/cases/54321/")
    assert _events() == [("attorney", "54321", "read", "denied")]


@pytest.mark.parametrize(
    ("name", "method", "action"),
    [
        ("cases:submitted", "get", "read"),
        ("cases:edit", "get", "read"),
        ("cases:edit", "post", "update"),
        ("outcomes:create", "get", "read"),
        ("outcomes:create", "post", "create"),
    ],
)
def test_every_case_page_writes_one_row_per_request(
    attorney_client, users, taxonomy_terms, name, method, action
):
    case = CaseFactory(attorney=users["attorney"])
    getattr(attorney_client, method)(reverse(name, args=[case.number]), {})
    getattr(attorney_client, method)(reverse(name, args=[case.number]), {})
    assert _events() == [("attorney", str(case.number), action, "allowed")] * 2


def test_staff_reads_are_audited_too(staff_client):
    case = CaseFactory()
    staff_client.get(reverse("cases:staff_detail", args=[case.number]))
    staff_client.get(reverse("admin:cases_case_change", args=[case.pk]))
    assert _events() == [("staff", str(case.number), "read", "allowed")] * 2


def test_audit_rows_carry_no_case_content(attorney_client, users):
    case = CaseFactory(attorney=users["attorney"], notes="SENTINEL-AUDIT-9921")
    attorney_client.get(reverse("cases:detail", args=[case.number]))
    with connection.cursor() as cursor:
        cursor.execute("SELECT row_to_json(e)::text FROM audit_auditevent e")
        rows = [row[0] for row in cursor.fetchall()]
    assert rows and not any("SENTINEL" in row or "Guatemala" in row for row in rows)


def test_listing_pages_do_not_write_per_case_rows(attorney_client, users):
    CaseFactory.create_batch(3, attorney=users["attorney"])
    attorney_client.get(reverse("cases:list"))
    attorney_client.get(reverse("accounts:my_account"))
    assert AuditEvent.objects.count() == 0


@pytest.mark.parametrize(
    ("changelist", "object_type"),
    [
        ("admin:cases_case_changelist", "case"),
        ("admin:outcomes_outcome_changelist", "outcome"),
        ("admin:documents_document_changelist", "document"),
        ("admin:accounts_prosefollowup_changelist", "pro_se_follow_up"),
    ],
)
def test_an_admin_list_of_records_writes_one_row(staff_client, changelist, object_type):
    CaseFactory()
    assert staff_client.get(reverse(changelist)).status_code == 200
    assert _events() == [("staff", "list", "read", "allowed")]
    assert AuditEvent.objects.get().object_type == object_type


def test_admin_views_of_one_case_write_one_row_each(staff_client):
    from tests.outcomes.factories import OutcomeFactory

    case = CaseFactory()
    outcome = OutcomeFactory(case=case)
    staff_client.get(reverse("admin:cases_case_change", args=[case.pk]))
    staff_client.get(reverse("admin:cases_case_history", args=[case.pk]))
    staff_client.get(reverse("admin:outcomes_outcome_history", args=[outcome.pk]))
    assert _events() == [
        ("staff", str(outcome.pk), "read", "allowed"),
        ("staff", str(case.number), "read", "allowed"),
        ("staff", str(case.number), "read", "allowed"),
    ]


@pytest.mark.parametrize("model", ["cases_case", "outcomes_outcome"])
def test_nobody_deletes_cases_or_outcomes_in_the_admin(staff_client, model):
    from cases.models import Case
    from outcomes.models import Outcome
    from tests.outcomes.factories import OutcomeFactory

    outcome = OutcomeFactory(case=CaseFactory())
    pk = outcome.case.pk if model == "cases_case" else outcome.pk
    # The staff account is a superuser, and still may not.
    response = staff_client.post(reverse(f"admin:{model}_delete", args=[pk]), {"post": "yes"})
    assert response.status_code == 403
    assert Case.objects.filter(pk=outcome.case.pk).exists()
    assert Outcome.objects.filter(pk=outcome.pk).exists()
    # The attempt is in the audit trail.
    assert AuditEvent.objects.filter(action="delete", result="denied").count() == 1
    changelist = staff_client.get(reverse(f"admin:{model}_changelist")).content.decode()
    assert 'value="delete_selected"' not in changelist


def test_the_audited_fetch_writes_one_row_found_or_not(users):
    """The one fetch + audit + 404 every detail page uses: a row for a hit and for a miss;
    a write whose service records the change writes only the denial."""
    from django.http import Http404

    from accounts.models import User
    from audit.services import fetch_audited_or_404

    attorney = users["attorney"]
    found = fetch_audited_or_404(
        User.objects.all(), actor=attorney, object_type="user", object_id=attorney.pk
    )
    assert found == attorney
    with pytest.raises(Http404):
        fetch_audited_or_404(User.objects.none(), actor=attorney, object_type="user", object_id=1)
    fetch_audited_or_404(
        User.objects.all(),
        actor=attorney,
        object_type="user",
        object_id=attorney.pk,
        action="update",
        audit_allowed=False,
    )
    rows = list(
        AuditEvent.objects.filter(object_type="user")
        .order_by("pk")
        .values_list("result", "object_id")
    )
    assert rows == [("allowed", str(attorney.pk)), ("denied", "1")]
