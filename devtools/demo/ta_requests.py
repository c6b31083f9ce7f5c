"""Demo requests for more help (see `load_demo_data`): one in every status, one of them
overdue for a first response. Each is made through the services from a fixed token, so a
second run finds the requests the first one made and changes nothing."""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.utils import timezone

from accounts.models import User
from devtools.demo.cases import demo_case
from ta_requests import services
from ta_requests.business_days import first_response_due
from ta_requests.models import TARequest
from ta_requests.services import StaffAction

_NAMESPACE = uuid.UUID("0b7c7f53-3d5e-4a57-9b53-6c1f0f3a2e11")
STAFF_EMAIL = "staff@example.org"

# key, case key, kind, urgency, deadline (days from today, kind, note) or None, question,
# then the steps after it: ("staff", action, text) or ("attorney", "reply"/"withdraw", text).
DEMO_REQUESTS = [
    (
        "received-overdue",
        "guatemala-dv",
        "country_conditions",
        "urgent",
        (15, "filing", "Pre-hearing brief and evidence due"),
        "We need current reports on police response to domestic violence in the client's "
        "region, for the pre-hearing filing.",
        [],
    ),
    (
        "received",
        "el-salvador-political",
        "expert_referral",
        "routine",
        None,
        "Could CGRS suggest a country conditions expert on threats to journalists?",
        [],
    ),
    (
        "in-progress",
        "honduras-gangs",
        "brief_review",
        "soon",
        (20, "bia_brief", "BIA brief due"),
        "Would CGRS review our draft argument on nexus for the BIA brief?",
        [("staff", StaffAction.REPLY, "Yes: send the draft when ready; we will read it.")],
    ),
    (
        "waiting",
        "guatemala-dv",
        "legal_research",
        "soon",
        (45, "individual_hearing", "Individual merits hearing"),
        "Is there recent circuit authority on particular social groups defined by relationship "
        "status?",
        [
            (
                "staff",
                StaffAction.ASK,
                "Which circuit is the case in, and has the IJ ruled on the PSG yet?",
            )
        ],
    ),
    (
        "answered",
        "honduras-gangs",
        "legal_research",
        "routine",
        None,
        "Any practice advisory on family-membership PSGs after recent BIA decisions?",
        [("staff", StaffAction.ANSWER, "See the practice advisory in your TA Library.")],
    ),
    (
        "closed",
        "el-salvador-political",
        "other",
        "routine",
        None,
        "Do you have sample declarations for journalists?",
        [
            ("staff", StaffAction.ANSWER, "Two samples are now in your TA Library."),
            ("attorney", "reply", "Thank you, these help."),
            ("staff", StaffAction.CLOSE, ""),
        ],
    ),
    (
        "declined",
        "guatemala-dv",
        "brief_review",
        "urgent",
        None,
        "Could CGRS draft our closing argument?",
        [
            (
                "staff",
                StaffAction.DECLINE,
                "We cannot draft filings; the sample briefs in your TA Library may help.",
            )
        ],
    ),
    (
        "withdrawn",
        "honduras-gangs",
        "expert_referral",
        "routine",
        None,
        "We may need a gang-violence expert.",
        [("attorney", "withdraw", "")],
    ),
]


def load(log) -> None:
    staff = User.objects.filter(email=STAFF_EMAIL).first()
    attorney = User.objects.filter(email="attorney@example.org").first()
    if staff is None or attorney is None:
        log("ta_requests: demo users missing; skipped")
        return
    today = timezone.localdate()
    created_count = 0
    for key, case_key, kind, urgency, deadline, question, steps in DEMO_REQUESTS:
        case = demo_case(case_key, attorney.email)
        if case is None:
            log(f"ta_requests: demo case {case_key} missing; skipped")
            continue
        due_in, deadline_kind, note = deadline or (None, "", "")
        ta_request, created = services.ta_request_create(
            case=case,
            attorney=attorney,
            kind=kind,
            question=question,
            urgency=urgency,
            submission_token=uuid.uuid5(_NAMESPACE, key),
            deadline_on=today + timedelta(days=due_in) if due_in else None,
            deadline_kind=deadline_kind,
            deadline_note=note,
        )
        if not created:
            continue
        created_count += 1
        for who, action, text in steps:
            if who == "staff":
                services.ta_request_staff_respond(
                    ta_request=ta_request, actor=staff, action=action, body=text
                )
            elif action == "withdraw":
                services.ta_request_withdraw(ta_request=ta_request, attorney=attorney)
            else:
                services.ta_request_attorney_reply(
                    ta_request=ta_request, attorney=attorney, body=text
                )
        if key == "received-overdue":
            # Asked a week ago and never answered: the queue shows it first, as overdue.
            asked = today - timedelta(days=7)
            TARequest.objects.filter(pk=ta_request.pk).update(
                created_at=timezone.now() - timedelta(days=7),
                first_response_due_on=first_response_due(asked),
            )
    log(f"ta_requests: {created_count} created, {TARequest.objects.count()} in total")
