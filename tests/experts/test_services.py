"""Listing writes: edits that go live and are logged, edits that send a listing back to
review, submission rules, staff decisions and the email they send (after commit, no
details)."""

import pytest
from django.core import mail

from experts.models import EventKind, ExpertType, ListingEvent, ListingStatus
from experts.services.listing import (
    ListingDetails,
    ListingError,
    listing_create,
    listing_submit,
    listing_update,
)
from experts.services.review import ReviewDecision, listing_review
from tests.experts.factories import ListingFactory
from tests.experts.pdfs import pdf_bytes, upload
from tests.factories import ClinicFactory, ExpertFactory, StaffFactory

pytestmark = pytest.mark.django_db

CHECKED = {"credentials_checked": True, "references_checked": True, "cv_reviewed": True}


def _details(listing, **changes) -> ListingDetails:
    values = {
        "display_name": listing.display_name,
        "credentials": listing.credentials,
        "affiliation": listing.affiliation,
        "expert_types": list(listing.expert_types),
        "countries": list(listing.countries),
        "topics": list(listing.topics.all()),
        "other_topics": list(listing.other_topics),
        "languages": list(listing.languages),
        "works_remotely": listing.works_remotely,
        "in_person_states": list(listing.in_person_states),
        "detention_visits": listing.detention_visits,
        "fee_terms": listing.fee_terms,
        "fee_details": listing.fee_details,
        "availability": listing.availability,
        "contact_email": listing.contact_email,
        "phone": listing.phone,
        "website": listing.website,
        "publications": listing.publications,
        "testimony_count": listing.testimony_count,
        "testimony_courts": listing.testimony_courts,
    }
    values.update(changes)
    return ListingDetails(**values)


def test_an_edit_to_fees_goes_live_and_is_logged():
    listing = ListingFactory()
    event = listing_update(
        listing=listing, editor=listing.owner, details=_details(listing, fee_terms="pro_bono")
    )
    listing.refresh_from_db()
    assert listing.status == ListingStatus.LISTED
    assert listing.fee_terms == "pro_bono"
    assert event.kind == EventKind.EDITED
    assert event.changes == [
        {"field": "fee_terms", "label": "Fees", "old": "Charges a fee", "new": "Pro bono"}
    ]


@pytest.mark.parametrize(
    "change",
    [
        {"credentials": "MD, psychiatrist"},
        {"expert_types": [ExpertType.MENTAL_HEALTH], "countries": []},
        {"display_name": "Someone Else"},
    ],
    ids=["credentials", "expert-type", "name"],
)
def test_a_change_to_credentials_or_type_sends_a_listed_profile_back_for_review(change):
    listing = ListingFactory()
    event = listing_update(
        listing=listing, editor=listing.owner, details=_details(listing, **change)
    )
    listing.refresh_from_db()
    assert listing.status == ListingStatus.SUBMITTED
    assert event.kind == EventKind.RETURNED_FOR_REVIEW
    assert ListingFactory._meta.model.objects.listed().filter(pk=listing.pk).count() == 0


def test_an_unchanged_save_writes_nothing():
    listing = ListingFactory()
    before = ListingEvent.objects.count()
    assert listing_update(listing=listing, editor=listing.owner, details=_details(listing)) is None
    assert ListingEvent.objects.count() == before


def test_countries_are_cleared_when_the_type_is_not_country_conditions():
    listing = ListingFactory(status=ListingStatus.DRAFT)
    listing_update(
        listing=listing,
        editor=listing.owner,
        details=_details(listing, expert_types=[ExpertType.MEDICAL], countries=["GT"]),
    )
    listing.refresh_from_db()
    assert listing.countries == []


def test_an_expert_must_upload_a_cv_before_submitting():
    listing = ListingFactory(status=ListingStatus.DRAFT)
    with pytest.raises(ListingError, match="CV"):
        listing_submit(listing=listing, actor=listing.owner)
    listing_update(
        listing=listing,
        editor=listing.owner,
        details=_details(listing),
        cv=upload(pdf_bytes()),
    )
    listing_submit(listing=listing, actor=listing.owner)
    assert listing.status == ListingStatus.SUBMITTED
    with pytest.raises(ListingError):
        listing_submit(listing=listing, actor=listing.owner)


def test_a_clinic_listing_belongs_to_the_clinic_and_needs_no_cv():
    representative = ClinicFactory()
    listing = listing_create(
        keeper=representative,
        details=ListingDetails(
            display_name="Evaluation Clinic",
            credentials="Licensed psychologists.",
            expert_types=[ExpertType.MENTAL_HEALTH, ExpertType.MEDICAL],
            languages=["en"],
            fee_terms="pro_bono",
            contact_email="clinic@example.net",
            availability="accepting",
            works_remotely=True,
        ),
    )
    assert listing.is_clinic and listing.organization_id == representative.organization_id
    assert listing.owner is None
    # A second representative of the same clinic manages the same listing.
    colleague = ClinicFactory(organization=representative.organization)
    assert list(type(listing).objects.managed_by(colleague)) == [listing]
    listing_submit(listing=listing, actor=colleague)
    assert listing.status == ListingStatus.SUBMITTED


def test_approval_needs_the_whole_checklist():
    listing = ListingFactory(status=ListingStatus.SUBMITTED)
    with pytest.raises(ListingError, match="checklist"):
        listing_review(
            listing=listing,
            reviewer=StaffFactory(),
            decision=ReviewDecision.APPROVE,
            notes="",
            checklist={**CHECKED, "references_checked": False},
        )
    listing.refresh_from_db()
    assert listing.status == ListingStatus.SUBMITTED


@pytest.mark.parametrize(
    ("decision", "status"),
    [
        (ReviewDecision.APPROVE, ListingStatus.LISTED),
        (ReviewDecision.REQUEST_CHANGES, ListingStatus.CHANGES_REQUESTED),
        (ReviewDecision.REJECT, ListingStatus.NOT_LISTED),
    ],
)
def test_a_decision_emails_the_expert_the_status_only_after_commit(
    decision, status, django_capture_on_commit_callbacks
):
    expert = ExpertFactory(email="the-expert@example.net")
    listing = ListingFactory(owner=expert, status=ListingStatus.SUBMITTED)
    notes = "Sentinel-note-7731: please add the courts."
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        event = listing_review(
            listing=listing,
            reviewer=StaffFactory(),
            decision=decision,
            notes=notes,
            checklist=CHECKED,
        )
    assert mail.outbox == []  # nothing before the commit
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["the-expert@example.net"]
    assert str(ListingStatus(status).label) in message.subject + message.body
    assert "/experts/listing/" in message.body
    # SECURITY: no notes or listing details in the email (S11).
    assert "Sentinel-note-7731" not in message.subject + message.body
    assert listing.display_name not in message.subject + message.body
    listing.refresh_from_db()
    assert listing.status == status and listing.staff_notes == notes
    assert event.checklist == CHECKED


def test_the_status_email_task_sends_once_however_often_it_runs(django_capture_on_commit_callbacks):
    from experts.tasks import send_listing_status_email

    listing = ListingFactory(status=ListingStatus.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        event = listing_review(
            listing=listing,
            reviewer=StaffFactory(),
            decision=ReviewDecision.APPROVE,
            notes="",
            checklist=CHECKED,
        )
    assert len(mail.outbox) == 1
    assert send_listing_status_email(event.pk) is False
    assert len(mail.outbox) == 1


def test_a_rolled_back_decision_sends_nothing(django_capture_on_commit_callbacks):
    from django.db import transaction

    listing = ListingFactory(status=ListingStatus.SUBMITTED)
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        listing_review(
            listing=listing,
            reviewer=StaffFactory(),
            decision=ReviewDecision.APPROVE,
            notes="",
            checklist=CHECKED,
        )
        raise RuntimeError("roll back")
    assert mail.outbox == []
    listing.refresh_from_db()
    assert listing.status == ListingStatus.SUBMITTED


def test_placeholder_owners_are_never_emailed(django_capture_on_commit_callbacks):
    placeholder = ExpertFactory(is_active=False)
    listing = ListingFactory(owner=placeholder, status=ListingStatus.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        listing_review(
            listing=listing,
            reviewer=StaffFactory(),
            decision=ReviewDecision.APPROVE,
            notes="",
            checklist=CHECKED,
        )
    assert mail.outbox == []


def test_only_submitted_listings_can_be_decided():
    listing = ListingFactory(status=ListingStatus.DRAFT)
    with pytest.raises(ListingError):
        listing_review(
            listing=listing,
            reviewer=StaffFactory(),
            decision=ReviewDecision.APPROVE,
            notes="",
            checklist=CHECKED,
        )
