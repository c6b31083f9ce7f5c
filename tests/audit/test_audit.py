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
