"""The attorney's and the staff's pages: ask, reply, withdraw; respond, assign, decline. Bad
input keeps every answer and says what to fix; each change is audited; emails name nothing."""

import re
import uuid
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from cases.models import Deadline
from cgrs.models import OutboxMessage
from ta_requests.models import RequestStatus, TARequest
from tests.cases.factories import CaseFactory
from tests.documents.factories import DocumentFactory
from tests.ta_requests.factories import TARequestFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(users):
    case = CaseFactory(attorney=users["attorney"], country_of_origin="HN")
    Deadline.objects.create(
        case=case, due_on=timezone.localdate() + timedelta(days=20), description="BIA brief due"
    )
    return case


def _form(case, **overrides):
    deadline = case.deadlines.get()
    data = {
        "submission_token": str(uuid.uuid4()),
        "kind": "brief_review",
        "question": "Would CGRS review our nexus argument?",
        "deadline_choice": f"d{deadline.pk}",
        "deadline_on": "",
        "deadline_kind": "bia_brief",
        "deadline_note": "",
        "urgency": "soon",
    }
    data.update(overrides)
    return data


def test_the_form_offers_the_intakes_deadlines_and_says_cgrs_cannot_take_every_request(
    attorney_client, case
):
    html = attorney_client.get(reverse("ta_requests:create", args=[case.number])).content.decode()
    assert "BIA brief due" in html
    assert "not able to take on every one" in html
    assert "within 2 business days" in html
    assert "name or A-number" in html


def test_asking_with_an_intake_deadline_stores_it_without_typing_it(
    attorney_client, case, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = attorney_client.post(
            reverse("ta_requests:create", args=[case.number]), _form(case), follow=True
        )
    ta_request = TARequest.objects.get()
    assert response.redirect_chain[-1][0] == reverse("ta_requests:detail", args=[ta_request.pk])
    assert ta_request.deadline_on == case.deadlines.get().due_on
    assert ta_request.deadline_note == "BIA brief due"
    assert ta_request.status == RequestStatus.RECEIVED
    assert "Received" in response.content.decode()
    assert AuditEvent.objects.filter(object_type="ta_request", action="create").count() == 1
    # Staff are told, with nothing about the case.
    assert [m.to for m in mailoutbox] == [["ta-staff@example.org"]]
    body = mailoutbox[0].body + mailoutbox[0].subject
    assert str(case.number) not in body and "Honduras" not in body and "nexus" not in body


def test_the_same_form_sent_twice_stores_one_request(attorney_client, case):
    data = _form(case)
    url = reverse("ta_requests:create", args=[case.number])
    attorney_client.post(url, data)
    response = attorney_client.post(url, data, follow=True)
    assert TARequest.objects.count() == 1
    assert "already been sent" in response.content.decode()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"question": "   "}, "Tell us what you need."),
        ({"question": "x" * 4001}, "Please shorten this to 4000 characters"),
        (
            {"deadline_choice": "other", "deadline_on": "2020-01-01"},
            "This deadline has passed",
        ),
        ({"deadline_choice": "other", "deadline_on": ""}, "Give the date of the deadline."),
        ({"deadline_kind": ""}, "Say what the deadline is."),
        ({"urgency": "yesterday"}, "Select a valid choice"),
    ],
)
def test_bad_input_keeps_every_answer_and_says_what_to_fix(
    attorney_client, case, overrides, message
):
    data = _form(case, **{"question": "Our nexus question, kept.", **overrides})
    response = attorney_client.post(reverse("ta_requests:create", args=[case.number]), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert TARequest.objects.count() == 0
    if "question" not in overrides:
        assert "Our nexus question, kept." in html
    assert re.search(r'name="kind" value="brief_review"[^>]*checked', html)


def test_documents_are_attached_with_their_share_permission(attorney_client, case):
    kept_private = DocumentFactory(case=case, share_permission="no", original_name="brief.pdf")
    others = DocumentFactory(original_name="not-mine.pdf")
    form_html = attorney_client.get(
        reverse("ta_requests:create", args=[case.number])
    ).content.decode()
    assert "brief.pdf" in form_html and "CGRS must not share it" in form_html
    assert "not-mine.pdf" not in form_html
    attorney_client.post(
        reverse("ta_requests:create", args=[case.number]),
        _form(case, documents=[kept_private.pk]),
    )
    assert list(TARequest.objects.get().documents.all()) == [kept_private]
    response = attorney_client.post(
        reverse("ta_requests:create", args=[case.number]), _form(case, documents=[others.pk])
    )
    assert response.status_code == 400  # not a choice: refused, nothing stored
    assert TARequest.objects.count() == 1


def test_the_conversation_staff_reply_attorney_answers_staff_close(
    attorney_client, staff_client, users, case, mailoutbox, django_capture_on_commit_callbacks
):
    ta_request = TARequestFactory(case=case)
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(
            reverse("ta_requests:staff_respond", args=[ta_request.pk]),
            {"action": "ask", "body": "Which circuit is it?"},
        )
    ta_request.refresh_from_db()
    assert ta_request.status == RequestStatus.WAITING
    assert ta_request.assigned_to == users["staff"]
    assert mailoutbox[-1].to == [users["attorney"].email]
    assert "There is an update on one of your requests; sign in to read it." in mailoutbox[-1].body
    assert "circuit" not in mailoutbox[-1].body

    page = attorney_client.get(reverse("ta_requests:detail", args=[ta_request.pk])).content
    assert b"Which circuit is it?" in page and b"Waiting for you" in page
    case_page = attorney_client.get(reverse("cases:detail", args=[case.number])).content
    assert b"Waiting for you" in case_page

    with django_capture_on_commit_callbacks(execute=True):
        attorney_client.post(
            reverse("ta_requests:detail", args=[ta_request.pk]), {"body": "The Ninth Circuit."}
        )
    ta_request.refresh_from_db()
    assert ta_request.status == RequestStatus.IN_PROGRESS
    # Staff are told too: the staff address and the assignee.
    assert sorted(mailoutbox[-2].to + mailoutbox[-1].to) == sorted(
        ["ta-staff@example.org", users["staff"].email]
    )

    staff_page = staff_client.get(reverse("ta_requests:staff_detail", args=[ta_request.pk]))
    assert b"The Ninth Circuit." in staff_page.content
    staff_client.post(
        reverse("ta_requests:staff_respond", args=[ta_request.pk]),
        {"action": "close", "body": ""},
    )
    ta_request.refresh_from_db()
    assert ta_request.status == RequestStatus.CLOSED
    # The attorney can no longer reply to a closed request.
    response = attorney_client.post(
        reverse("ta_requests:detail", args=[ta_request.pk]), {"body": "One more thing"}
    )
    assert response.status_code == 400
    assert b"finished" in response.content


def test_declining_needs_a_reason_which_the_attorney_reads(attorney_client, staff_client, case):
    ta_request = TARequestFactory(case=case)
    url = reverse("ta_requests:staff_respond", args=[ta_request.pk])
    response = staff_client.post(url, {"action": "decline", "body": ""})
    assert response.status_code == 400
    assert b"Give the reason for declining" in response.content
    staff_client.post(url, {"action": "decline", "body": "We cannot draft filings."})
    ta_request.refresh_from_db()
    assert ta_request.status == RequestStatus.DECLINED
    case_page = attorney_client.get(reverse("cases:detail", args=[case.number])).content
    assert b"Declined" in case_page and b"We cannot draft filings." in case_page


def test_withdraw(attorney_client, case):
    ta_request = TARequestFactory(case=case)
    url = reverse("ta_requests:withdraw", args=[ta_request.pk])
    assert b"stop working" in attorney_client.get(url).content
    attorney_client.post(url)
    ta_request.refresh_from_db()
    assert ta_request.status == RequestStatus.WITHDRAWN
    assert AuditEvent.objects.filter(object_type="ta_request", action="update").count() == 1


def test_assign_to_a_colleague_but_never_to_an_attorney(staff_client, make_user, users):
    colleague = make_user("staff")
    ta_request = TARequestFactory()
    url = reverse("ta_requests:staff_assign", args=[ta_request.pk])
    staff_client.post(url, {"assignee": colleague.pk})
    ta_request.refresh_from_db()
    assert ta_request.assigned_to == colleague
    assert ta_request.status == RequestStatus.IN_PROGRESS
    response = staff_client.post(url, {"assignee": users["attorney"].pk})
    assert response.status_code == 400
    ta_request.refresh_from_db()
    assert ta_request.assigned_to == colleague


def test_every_open_is_audited(staff_client, attorney_client, case):
    ta_request = TARequestFactory(case=case)
    staff_client.get(reverse("ta_requests:staff_detail", args=[ta_request.pk]))
    attorney_client.get(reverse("ta_requests:detail", args=[ta_request.pk]))
    rows = AuditEvent.objects.filter(object_type="ta_request", object_id=str(ta_request.pk))
    assert sorted(rows.values_list("actor_role", "action", "result")) == [
        ("attorney", "read", "allowed"),
        ("staff", "read", "allowed"),
    ]
    # The staff page shows the case record too: that read is audited as well.
    assert AuditEvent.objects.filter(
        object_type="case", object_id=str(case.number), actor_role="staff", action="read"
    ).exists()


def test_my_account_lists_only_my_requests_with_an_ask_link(attorney_client, case):
    mine = TARequestFactory(case=case)
    theirs = TARequestFactory()
    html = attorney_client.get(reverse("accounts:my_account")).content.decode()
    assert f'data-ta-request="{mine.pk}"' in html
    assert f'data-ta-request="{theirs.pk}"' not in html
    assert reverse("ta_requests:choose_case") in html
    choose = attorney_client.get(reverse("ta_requests:choose_case")).content.decode()
    assert reverse("ta_requests:create", args=[case.number]) in choose


def test_nothing_is_enqueued_when_the_request_is_refused(attorney_client, case):
    attorney_client.post(
        reverse("ta_requests:create", args=[case.number]), _form(case, question="")
    )
    assert not OutboxMessage.objects.exists()
