"""The pro se follow-up queue: staff see it newest first and record what they did; the
registrant sees the status on My Account."""

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import FollowUpStatus, ProSeFollowUp
from accounts.tasks import notify_staff_of_pro_se_registration
from tests.factories import ProSeFactory

pytestmark = pytest.mark.django_db


def _follow_up(name, when, **fields):
    with time_machine.travel(when, tick=False):
        return ProSeFollowUp.objects.create(user=ProSeFactory(full_name=name), **fields)


def test_queue_is_newest_first_and_filters_by_status(staff_client):
    _follow_up("Older Person", "2026-11-01 10:00Z")
    _follow_up("Newer Person", "2026-11-20 10:00Z", status=FollowUpStatus.CONTACTED)
    page = staff_client.get(reverse("accounts:staff_follow_ups")).content.decode()
    assert page.index("Newer Person") < page.index("Older Person")
    contacted = staff_client.get(reverse("accounts:staff_follow_ups"), {"status": "contacted"})
    assert "Newer Person" in contacted.content.decode()
    assert "Older Person" not in contacted.content.decode()
    # An unknown status shows everything rather than failing.
    odd = staff_client.get(reverse("accounts:staff_follow_ups"), {"status": "<x>", "page": "zz"})
    assert odd.status_code == 200
    assert "Older Person" in odd.content.decode()


def test_queue_rows_link_from_the_persons_name_not_the_time(staff_client):
    named = _follow_up("Ana Morales", "2026-11-01 10:00Z")
    unnamed = _follow_up("", "2026-11-02 10:00Z")
    page = staff_client.get(reverse("accounts:staff_follow_ups")).content.decode()
    for follow_up, text in ((named, "Ana Morales"), (unnamed, unnamed.user.email)):
        detail = reverse("accounts:staff_follow_up_detail", args=[follow_up.pk])
        links = re.findall(rf'<a href="{re.escape(detail)}">(.*?)</a>', page)
        # One link per row, on the name (the email when there is no name).
        assert links == [text]
    # The registration time is plain text in its own cell.
    assert re.search(r"<td>November 1, 2026, \d\d:\d\d</td>", page)


def test_staff_record_status_and_notes(staff_client, users):
    follow_up = _follow_up("Ana", "2026-11-01 10:00Z")
    url = reverse("accounts:staff_follow_up_detail", args=[follow_up.pk])
    response = staff_client.post(url, {"status": "contacted", "notes": "Sent the packet."})
    assert response.status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.status == FollowUpStatus.CONTACTED
    assert follow_up.notes == "Sent the packet."
    assert follow_up.updated_by == users["staff"]


def test_a_bad_status_is_a_form_error(staff_client):
    follow_up = _follow_up("Ana", "2026-11-01 10:00Z")
    url = reverse("accounts:staff_follow_up_detail", args=[follow_up.pk])
    response = staff_client.post(url, {"status": "deleted", "notes": "keep me"})
    assert response.status_code == 200
    assert "keep me" in response.content.decode()
    follow_up.refresh_from_db()
    assert follow_up.status == FollowUpStatus.NEW


def test_unknown_follow_up_is_not_found(staff_client):
    assert (
        staff_client.get(reverse("accounts:staff_follow_up_detail", args=[999999])).status_code
        == 404
    )


def test_queue_costs_the_same_at_1_and_40_registrations(staff_client):
    url = reverse("accounts:staff_follow_ups")

    def count() -> int:
        staff_client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert staff_client.get(url).status_code == 200
        return len(queries)

    _follow_up("One", "2026-11-01 10:00Z")
    at_one = count()
    for n in range(39):
        _follow_up(f"Person {n}", "2026-11-02 10:00Z")
    assert count() == at_one


def test_registrant_sees_their_status_on_my_account(client_for, users):
    ProSeFollowUp.objects.create(user=users["pro_se"], notes="STAFF-ONLY-NOTE")
    client = client_for("pro_se")
    page = client.get(reverse("accounts:my_account")).content.decode()
    assert "Help from CGRS" in page
    assert "We have your registration" in page
    assert "STAFF-ONLY-NOTE" not in page
    ProSeFollowUp.objects.filter(user=users["pro_se"]).update(status=FollowUpStatus.CONTACTED)
    assert (
        "CGRS staff have contacted you"
        in client.get(reverse("accounts:my_account")).content.decode()
    )


def test_pro_se_users_never_see_the_library_or_expert_links(client_for, users):
    client = client_for("pro_se")
    page = client.get(reverse("accounts:my_account")).content.decode()
    for name in ["ta_library:browse", "experts:search"]:
        assert f'href="{reverse(name)}"' not in page, name
        assert client.get(reverse(name)).status_code == 403, name


def test_staff_email_is_sent_once(django_capture_on_commit_callbacks):
    follow_up = ProSeFollowUp.objects.create(user=ProSeFactory())
    assert notify_staff_of_pro_se_registration(follow_up.pk) is True
    assert notify_staff_of_pro_se_registration(follow_up.pk) is False
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ta-staff@example.org"]


def test_staff_email_task_ignores_a_vanished_item():
    assert notify_staff_of_pro_se_registration(424242) is False
    assert mail.outbox == []


def test_rolled_back_registration_sends_nothing(django_capture_on_commit_callbacks):
    from django.db import transaction

    from accounts.services import ProSeDetails, account_profile_setup

    user = ProSeFactory()
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                account_profile_setup(
                    user=user,
                    account_type="pro_se",
                    full_name="Ana",
                    preferred_language="es",
                    pro_se=ProSeDetails(hearing_date=datetime.date(2027, 1, 1)),
                )
                raise RuntimeError
        except RuntimeError:
            pass
    assert mail.outbox == []
    assert not ProSeFollowUp.objects.exists()


def test_every_open_of_a_follow_up_is_audited(staff_client, users):
    from audit.models import AuditEvent

    follow_up = _follow_up("Ana Sentinel", "2026-11-01 10:00Z")
    url = reverse("accounts:staff_follow_up_detail", args=[follow_up.pk])
    staff_client.get(url)
    staff_client.post(url, {"status": "closed", "notes": ""})
    staff_client.get(reverse("accounts:staff_follow_up_detail", args=[follow_up.pk + 1000]))
    events = list(
        AuditEvent.objects.filter(object_type="pro_se_follow_up")
        .order_by("id")
        .values_list("actor_id", "object_id", "action", "result")
    )
    staff_id = users["staff"].pk
    assert events == [
        (staff_id, str(follow_up.pk), "read", "allowed"),
        (staff_id, str(follow_up.pk), "update", "allowed"),
        (staff_id, str(follow_up.pk + 1000), "read", "denied"),
    ]


@pytest.mark.parametrize("role", ["pro_se", "staff"])
def test_my_account_costs_the_same_with_more_registrations(client_for, role):
    url = reverse("accounts:my_account")
    client = client_for(role)

    def count() -> int:
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    _follow_up("One", "2026-11-01 10:00Z")
    at_one = count()
    for n in range(20):
        _follow_up(f"Person {n}", "2026-11-02 10:00Z")
    assert count() == at_one
